/**
 * The IIS SMTP virtual server on a Windows host: settings, the SMTPSVC service, the W3C log,
 * and where accepted mail goes (local domains → Drop, remote → Queue, undeliverable NDR → Badmail).
 */
import type { IisSettingsSpec } from '../scenario/schema';
import {
  defaultIisSettings,
  mergeSettings,
  toSessionConfig,
  type IisSettings,
  type IisSettingsPatch,
} from '../smtp/iisSettings';
import { iisDialect } from '../smtp/dialects/iis';
import type { AcceptedMessage, SessionEnv, SessionInput } from '../smtp/sessionMachine';
import type { ServerHooks, SmtpConnection } from '../smtp/connection';
import { domainOf } from '../smtp/commands';
import { W3cLog } from '../logs/w3c';
import { event115, event2013, event7036, event7045 } from '../logs/eventLog';
import { SmtpQueue, MAILROOT } from '../queue/queue';
import { messageIdOf } from '../queue/ledger';
import type { WorldContext } from './context';
import type { HostRuntime } from './host';
import { controlService, event7001, type ControlResult, type ServiceAction } from './smtpService';

export const DROP_DIR = `${MAILROOT}\\Drop`;
export const BADMAIL_DIR = `${MAILROOT}\\Badmail`;
export const PICKUP_DIR = `${MAILROOT}\\Pickup`;
/** Below this IIS can write neither a queue file nor a log line. */
const MIN_FREE_BYTES = 1024 * 1024;

/** Apply a scenario's settings over the defaults of a fresh install (the default domain takes the FQDN). */
export function settingsFromSpec(
  host: HostRuntime,
  spec: IisSettingsSpec | undefined,
  utcOffsetMinutes: number,
): IisSettings {
  const s = defaultIisSettings(spec?.fqdn ?? host.fqdn, host.name, utcOffsetMinutes);
  return spec ? mergeSettings(s, spec as IisSettingsPatch) : s;
}

export class IisServer implements ServerHooks {
  settings: IisSettings;
  readonly log: W3cLog;
  readonly queue: SmtpQueue;
  readonly drop: AcceptedMessage[] = [];
  #idCounter = 0;
  /** Inbound connections seen (for "Limit number of connections"); closed ones are pruned. */
  #live = new Set<SmtpConnection>();
  /** The SMTP Server feature is installed (HostSpec `smtpInstalled`); a fresh server has none of it. */
  installed: boolean;
  /** SMTP Server Tools (RSAT-SMTP, the IIS 6 Manager snap-in) are installed. */
  managementTools: boolean;
  /** The service runs but the virtual server could not open its port (another program holds it). */
  #bindFailed = false;

  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    spec: IisSettingsSpec | undefined,
  ) {
    this.installed = host.spec.smtpInstalled !== false;
    // A server without the feature has no metabase yet: installing it gives the IIS defaults.
    this.settings = settingsFromSpec(host, this.installed ? spec : undefined, ctx.utcOffsetMinutes);
    this.managementTools = this.installed;
    if (this.installed) {
      this.#createFiles();
      // A world that does not say otherwise has SMTPSVC running; its startup type after install is Manual (§4.0).
      if (!host.service('SMTPSVC'))
        host.services.set('SMTPSVC', {
          name: 'SMTPSVC',
          displayName: 'Simple Mail Transfer Protocol (SMTP)',
          status: 'Running',
          startType: 'Manual',
        });
      if (!host.service('IISADMIN'))
        host.services.set('IISADMIN', {
          name: 'IISADMIN',
          displayName: 'IIS Admin Service',
          status: 'Running',
          startType: 'Automatic',
        });
    } else {
      // Before Install-WindowsFeature SMTP-Server there is no service, no mailroot and no log folder.
      host.services.delete('SMTPSVC');
      host.services.delete('IISADMIN');
    }
    this.log = new W3cLog(
      host.fs,
      'SMTPSVC1',
      host.name,
      '10.0',
      () =>
        this.diskFull() ? { ...this.settings.logging, enabled: false } : this.settings.logging,
      () => this.settings.utcOffsetMinutes,
    );
    this.queue = new SmtpQueue({
      ctx,
      host,
      settings: () => this.settings,
      running: () => this.running(),
      writeLog: this.log,
      route: (message, rcpts, messageId) => this.route(message, rcpts, messageId),
    });
    host.smtpListening = (port, localIp) => this.listens(port, localIp);
  }

  #createFiles(): void {
    for (const dir of ['Queue', 'Pickup', 'Drop', 'Badmail', 'SortTemp', 'Route', 'Mailbox'])
      this.host.fs.mkdir(`${MAILROOT}\\${dir}`);
    this.host.fs.mkdir('C:\\Windows\\System32\\LogFiles\\SMTPSVC1');
  }

  /** The virtual server is up (service Running or Paused, port bound): files are locked and the queue is worked. */
  running(): boolean {
    const status = this.host.service('SMTPSVC')?.status;
    return this.installed && !this.#bindFailed && (status === 'Running' || status === 'Paused');
  }

  /** General › IP address and Advanced identities ('' = All Unassigned); a paused server still holds its port. */
  listens(port: number, localIp: string): boolean {
    return (
      this.running() &&
      this.settings.bindings.some((b) => b.port === port && (b.ip === '' || b.ip === localIp))
    );
  }

  /** The service started but another program already listens on a bound port (`port-in-use`). */
  get bindFailed(): boolean {
    return this.#bindFailed;
  }

  /**
   * Open the virtual server's ports as the service starts: if another program holds one of them
   * the instance stays stopped (smtpsvc 115) while the service keeps running (docs/fidelity.md).
   */
  #bind(): boolean {
    this.#bindFailed = this.settings.bindings.some((b) => this.host.programListening(b.port));
    if (this.#bindFailed) this.ctx.addEvent(this.host, event115(this.ctx.clock.now(), 1));
    return !this.#bindFailed;
  }

  /** The world calls this once every server exists: a service that runs from the start binds now. */
  bootBind(): void {
    // Windows' file server warns about a volume that is (nearly) full: System, srv 2013.
    if (this.host.spec.disk && this.host.freeBytes() < this.host.diskBytes() / 10)
      this.ctx.addEvent(this.host, event2013(this.ctx.clock.now(), this.ctx.locale()));
    const status = this.host.service('SMTPSVC')?.status;
    if (this.installed && (status === 'Running' || status === 'Paused')) this.#bind();
  }

  /**
   * Install-WindowsFeature SMTP-Server: the service (Manual, stopped), IIS Admin, the mailroot
   * and log folders, and every setting at the defaults of a fresh install (reference §4.0).
   * Returns false when the feature was already there.
   */
  install(): boolean {
    if (this.installed) return false;
    const now = this.ctx.clock.now();
    const locale = this.ctx.locale();
    this.installed = true;
    this.#createFiles();
    this.settings = settingsFromSpec(this.host, undefined, this.ctx.utcOffsetMinutes);
    const file = 'C:\\Windows\\system32\\inetsrv\\inetinfo.exe';
    this.host.services.set('IISADMIN', {
      name: 'IISADMIN',
      displayName: 'IIS Admin Service',
      status: 'Stopped',
      startType: 'Automatic',
    });
    this.host.services.set('SMTPSVC', {
      name: 'SMTPSVC',
      displayName: 'Simple Mail Transfer Protocol (SMTP)',
      status: 'Stopped',
      startType: 'Manual',
    });
    this.ctx.addEvent(
      this.host,
      event7045(now, { displayName: 'IIS Admin Service', file, start: 'auto start' }, locale),
    );
    this.ctx.addEvent(
      this.host,
      event7045(
        now,
        { displayName: 'Simple Mail Transfer Protocol (SMTP)', file, start: 'demand start' },
        locale,
      ),
    );
    // Setup starts IIS Admin (the metabase) but leaves SMTPSVC stopped.
    this.host.service('IISADMIN')!.status = 'Running';
    this.ctx.addEvent(this.host, event7036(now, 'IIS Admin Service', 'running', locale));
    this.ctx.changed();
    return true;
  }

  sessionEnv(): SessionEnv {
    return {
      clock: this.ctx.clock,
      newQueueId: () => this.newMessageId(),
      // Only a host whose disk the scenario models can run out of space; the others ask nothing.
      policy: this.host.spec.disk
        ? (stage) =>
            stage === 'mail' && this.diskFull()
              ? {
                  check: 'insufficientStorage',
                  code: 452,
                  lines: ['4.3.1 Insufficient system resources'],
                  close: false,
                }
              : null
        : undefined,
    };
  }

  /**
   * Volume C: has no room for a queue file or a log line (`disk-full`): IIS refuses MAIL with
   * 452 4.3.1 and its W3C lines are lost (docs/fidelity.md).
   */
  diskFull(): boolean {
    return this.host.spec.disk !== undefined && this.host.freeBytes() < MIN_FREE_BYTES;
  }

  /** `<WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>` (reference §3.4). */
  newMessageId(): string {
    const rnd = this.ctx.rng.string(
      12,
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    );
    return `<${this.host.name}${rnd}${(++this.#idCounter).toString(16).toUpperCase().padStart(8, '0')}@${this.settings.fqdn}>`;
  }

  sessionInput(clientIp: string, serverIp: string): SessionInput {
    // The client's PTR name, asked from this host's DNS server (domain entries, the RDNS check).
    const ptr = this.ctx.dns.via(this.host.spec.dns).ptr(clientIp);
    const live = [...this.#live].filter((c) => !c.closed).length;
    const limit = this.settings.maxConnections;
    return {
      config: toSessionConfig(this.settings),
      dialect: iisDialect,
      clientIp,
      serverIp,
      env: this.sessionEnv(),
      clientName: ptr.kind === 'answer' ? (ptr.records[0]?.host ?? null) : null,
      admission:
        this.host.service('SMTPSVC')?.status === 'Paused'
          ? 'paused'
          : limit !== null && live >= limit
            ? 'tooManyConnections'
            : 'accept',
    };
  }

  /**
   * SCM control of SMTPSVC or IISADMIN with the dependency rules (smtpService.ts), the 7036/7001
   * events, and the effects on this server. Null when the host has no such service.
   */
  controlService(name: string, action: ServiceAction, force = false): ControlResult | null {
    const svc = this.host.service(name);
    if (!svc) return null;
    const now = this.ctx.clock.now();
    const result = controlService(this.host, svc, action, force);
    if (!result.ok) {
      if (result.error === 'dependencyFailed' && result.other)
        this.ctx.addEvent(this.host, event7001(now, svc, result.other, this.ctx.locale()));
      return result;
    }
    for (const t of result.transitions) {
      const state = t.to === 'Running' ? 'running' : t.to === 'Paused' ? 'paused' : 'stopped';
      this.ctx.addEvent(this.host, event7036(now, t.service.displayName, state, this.ctx.locale()));
      if (t.service.name !== 'SMTPSVC') continue;
      // A started service writes a new log header block and enumerates the Queue folder again (§5.2, §4.9).
      if (t.from === 'Stopped' && this.#bind()) {
        this.log.restart();
        this.queue.resume();
      }
      if (t.to === 'Stopped') {
        this.#bindFailed = false;
        this.queue.suspend();
      }
    }
    this.ctx.changed();
    return result;
  }

  /** Start, stop, pause or continue SMTPSVC (IIS Manager's buttons); stopping is forced. */
  setServiceStatus(status: 'Running' | 'Stopped' | 'Paused'): void {
    const svc = this.host.service('SMTPSVC');
    // IIS Manager › Start on a virtual server whose port was taken: try to open it again.
    if (svc && status === 'Running' && svc.status === 'Running' && this.#bindFailed) {
      if (this.#bind()) {
        this.log.restart();
        this.queue.resume();
      }
      this.ctx.changed();
      return;
    }
    if (!svc || svc.status === status) return;
    const action: ServiceAction =
      status === 'Stopped'
        ? 'stop'
        : status === 'Paused'
          ? 'pause'
          : svc.status === 'Paused'
            ? 'continue'
            : 'start';
    this.controlService('SMTPSVC', action, true);
  }

  onReply(
    log: Parameters<ServerHooks['onReply']>[0],
    conn: SmtpConnection & { clientIp?: string; serverIp?: string },
  ): void {
    this.#live.add(conn);
    for (const c of this.#live) if (c.closed) this.#live.delete(c);
    if (!log) return;
    const isQuit = log.method === 'QUIT';
    const now = this.ctx.clock.now() + conn.elapsedMs;
    this.log.write({
      time: now,
      clientIp: conn.clientIp ?? '',
      username: log.helo ?? '',
      serverIp: conn.serverIp ?? '',
      serverPort: 0,
      method: log.method,
      query: isQuit ? (log.helo ?? '') : log.query,
      status: isQuit ? 240 : log.status,
      win32Status: isQuit ? now - conn.openedAt : 0,
      bytesSent: log.bytesSent,
      bytesReceived: log.bytesReceived,
      timeTaken: log.method === 'DATA' ? this.ctx.rng.int(15, 60) : 0,
    });
  }

  onMessage(message: AcceptedMessage): void {
    this.route(message, message.to);
  }

  /** Is `domain` (lower-case) the default domain or an alias? Asked per recipient, without building a set. */
  #isLocal(domain: string): boolean {
    const s = this.settings;
    return (
      s.defaultLocalDomain.toLowerCase() === domain ||
      s.localDomains.some((d) => d.toLowerCase() === domain)
    );
  }

  /** Local recipients go to Drop, the rest to Queue. */
  route(message: AcceptedMessage, rcpts: string[], messageId = messageIdOf(message.data)): void {
    // Recorded for the one-place invariant (src/sim/queue/invariant.ts).
    this.queue.ledger.accept(messageId, rcpts);
    const localRcpts: string[] = [];
    const remote: string[] = [];
    for (const r of rcpts) (this.#isLocal(domainOf(r)) ? localRcpts : remote).push(r);
    if (localRcpts.length > 0) {
      // Every recipient of the message is local (a DSN to a local sender): Drop keeps the message itself.
      this.drop.push(
        remote.length === 0 && rcpts === message.to ? message : { ...message, to: localRcpts },
      );
      const name = `${this.ctx.rng.string(16, '0123456789abcdef')}.eml`;
      this.host.fs.writeFile(`${DROP_DIR}\\${name}`, message.data, this.ctx.clock.now());
    }
    if (remote.length > 0) this.queue.enqueue(message, remote, messageId);
    this.ctx.changed();
  }
}
