/**
 * The IIS SMTP virtual server on a Windows host: settings, the SMTPSVC service, the W3C log,
 * and where accepted mail goes (local domains → Drop, remote → Queue, undeliverable NDR → Badmail).
 */
import type { IisSettingsSpec } from '../scenario/schema';
import { defaultIisSettings, toSessionConfig, type IisSettings, type W3cField } from '../smtp/iisSettings';
import { iisDialect } from '../smtp/dialects/iis';
import type { AcceptedMessage, SessionEnv } from '../smtp/sessionMachine';
import type { ServerHooks, SmtpConnection } from '../smtp/connection';
import { domainOf } from '../smtp/commands';
import { W3cLog } from '../logs/w3c';
import { event7036 } from '../logs/eventLog';
import { SmtpQueue, MAILROOT, type QueueEntry } from '../queue/queue';
import { buildDsn } from '../queue/ndr';
import { headerValue } from '../smtp/headers';
import type { WorldContext } from './context';
import type { HostRuntime } from './host';

export const DROP_DIR = `${MAILROOT}\\Drop`;
export const BADMAIL_DIR = `${MAILROOT}\\Badmail`;
export const PICKUP_DIR = `${MAILROOT}\\Pickup`;

/** Apply a scenario's settings over the defaults of a fresh install. */
export function settingsFromSpec(host: HostRuntime, spec: IisSettingsSpec | undefined, utcOffsetMinutes: number): IisSettings {
  const s = defaultIisSettings(spec?.fqdn ?? host.fqdn, host.name, utcOffsetMinutes);
  if (!spec) return s;
  if (spec.logging?.enabled !== undefined) s.logging.enabled = spec.logging.enabled;
  if (spec.logging?.fields) s.logging.fields = spec.logging.fields as W3cField[];
  if (spec.relay) s.relay = { ...s.relay, ...spec.relay };
  if (spec.maxMessageKb !== undefined) s.maxMessageKb = spec.maxMessageKb;
  if (spec.maxRecipients !== undefined) s.maxRecipients = spec.maxRecipients;
  if (spec.connectionTimeoutMin !== undefined) s.connectionTimeoutMin = spec.connectionTimeoutMin;
  if (spec.retryMinutes) s.retryMinutes = spec.retryMinutes;
  if (spec.delayNotificationMin !== undefined) s.delayNotificationMin = spec.delayNotificationMin;
  if (spec.expirationMin !== undefined) s.expirationMin = spec.expirationMin;
  if (spec.smartHost !== undefined) s.smartHost = spec.smartHost;
  if (spec.outboundPort !== undefined) s.outboundPort = spec.outboundPort;
  if (spec.localDomains) s.localDomains = spec.localDomains;
  return s;
}

export class IisServer implements ServerHooks {
  settings: IisSettings;
  readonly log: W3cLog;
  readonly queue: SmtpQueue;
  readonly drop: AcceptedMessage[] = [];
  #idCounter = 0;
  #dsnCounter = 0;

  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    spec: IisSettingsSpec | undefined,
  ) {
    this.settings = settingsFromSpec(host, spec, ctx.utcOffsetMinutes);
    for (const dir of ['Queue', 'Pickup', 'Drop', 'Badmail', 'SortTemp', 'Route', 'Mailbox']) host.fs.mkdir(`${MAILROOT}\\${dir}`);
    host.fs.mkdir('C:\\Windows\\System32\\LogFiles\\SMTPSVC1');
    if (!host.service('SMTPSVC')) host.services.set('SMTPSVC', { name: 'SMTPSVC', displayName: 'Simple Mail Transfer Protocol (SMTP)', status: 'Running', startType: 'Automatic' });
    if (!host.service('IISADMIN')) host.services.set('IISADMIN', { name: 'IISADMIN', displayName: 'IIS Admin Service', status: 'Running', startType: 'Automatic' });
    this.log = new W3cLog(host.fs, 'SMTPSVC1', host.name, '10.0', () => this.settings.logging);
    this.queue = new SmtpQueue({
      ctx,
      host,
      settings: () => this.settings,
      running: () => this.running(),
      writeLog: this.log,
      notify: (kind, entry, recipients) => this.#notify(kind, entry, recipients),
    });
    host.smtpListening = (port) => port === 25 && this.running();
  }

  running(): boolean {
    return this.host.service('SMTPSVC')?.status === 'Running';
  }

  sessionEnv(): SessionEnv {
    return {
      now: () => this.ctx.clock.now(),
      newQueueId: () => this.newMessageId(),
    };
  }

  /** `<WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>` (reference §3.4). */
  newMessageId(): string {
    const rnd = this.ctx.rng.string(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    return `<${this.host.name}${rnd}${(++this.#idCounter).toString(16).toUpperCase().padStart(8, '0')}@${this.settings.fqdn}>`;
  }

  sessionInput(clientIp: string, serverIp: string) {
    return { config: toSessionConfig(this.settings), dialect: iisDialect, clientIp, serverIp, env: this.sessionEnv() };
  }

  /** Start or stop SMTPSVC, with the SCM event and the log-header/queue effects. */
  setServiceStatus(status: 'Running' | 'Stopped'): void {
    const svc = this.host.service('SMTPSVC');
    if (!svc || svc.status === status) return;
    svc.status = status;
    this.ctx.addEvent(this.host, event7036(this.ctx.clock.now(), svc.displayName, status === 'Running' ? 'running' : 'stopped', this.ctx.locale()));
    if (status === 'Running') {
      this.log.restart();
      this.queue.resume();
    } else this.queue.suspend();
    this.ctx.changed();
  }

  onReply(log: Parameters<ServerHooks['onReply']>[0], conn: SmtpConnection & { clientIp?: string; serverIp?: string }): void {
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

  /** Local recipients go to Drop, the rest to Queue. */
  route(message: AcceptedMessage, rcpts: string[]): void {
    const local = new Set([this.settings.fqdn, ...this.settings.localDomains].map((d) => d.toLowerCase()));
    const localRcpts = rcpts.filter((r) => local.has(domainOf(r)));
    const remote = rcpts.filter((r) => !local.has(domainOf(r)));
    if (localRcpts.length > 0) {
      this.drop.push({ ...message, to: localRcpts });
      const name = `${this.ctx.rng.string(16, '0123456789abcdef')}.eml`;
      this.host.fs.writeFile(`${DROP_DIR}\\${name}`, message.data, this.ctx.clock.now());
    }
    if (remote.length > 0) this.queue.enqueue(message, remote);
    this.ctx.changed();
  }

  #notify(
    kind: 'failure' | 'delay',
    entry: QueueEntry,
    recipients: { address: string; status: string; diagnostic: string | null }[],
  ): void {
    const original = entry.message;
    if (original.from === '') {
      // A DSN that cannot be delivered is not bounced again: it goes to Badmail (reference §4.9).
      const base = `${BADMAIL_DIR}\\${entry.fileName.replace(/\.EML$/i, '')}`;
      const now = this.ctx.clock.now();
      this.host.fs.writeFile(`${base}.BAD`, original.data, now);
      this.host.fs.writeFile(`${base}.BDP`, '', now);
      this.host.fs.writeFile(
        `${base}.BDR`,
        'Unable to deliver this message because the following error was encountered: "This message is a delivery status notification that cannot be delivered.".\r\n\r\nThe specific error code was 0xC00402C7.\r\n',
        now,
      );
      return;
    }
    const data = buildDsn({
      kind,
      fqdn: this.settings.fqdn,
      postmasterDomain: this.settings.fqdn,
      originalSender: original.from,
      originalHelo: original.helo,
      arrivalDate: original.receivedAt,
      now: this.ctx.clock.now(),
      utcOffsetMinutes: this.settings.utcOffsetMinutes,
      recipients,
      original: original.data,
      rng: this.ctx.rng,
      counter: ++this.#dsnCounter,
    });
    const dsn: AcceptedMessage = {
      from: '',
      to: [original.from],
      data,
      size: data.length,
      helo: this.settings.fqdn,
      clientIp: '127.0.0.1',
      queueId: headerValue(data, 'Message-ID'),
      receivedAt: this.ctx.clock.now(),
    };
    this.route(dsn, [original.from]);
  }
}
