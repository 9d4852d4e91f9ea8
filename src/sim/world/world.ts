/**
 * The world: one object that is the only way in. Create it from a world spec (a scenario's base
 * world with its changes and faults applied), send it actions, read snapshots and logs.
 */
import { VirtualClock } from '../clock/virtualClock';
import { SeededRandom } from '../clock/random';
import { rfc5322Date } from '../clock/time';
import { Network } from '../net/network';
import { Dns, dnsServersOf } from '../dns/dns';
import { SmtpConnection } from '../smtp/connection';
import { LOG_DIR } from '../logs/w3c';
import { ruleText, type TrafficSpec, type WorldSpec } from '../scenario/schema';
import { ConsoleSession } from '../console/consoleSession';
import type { OpenResult, WorldContext } from './context';
import { HostRuntime } from './host';
import { IisServer } from './iisServer';
import { ReceiverServer } from './receiver';
import { submissionTimes, submit } from './traffic';
import { applyConfigPatch } from './configPatch';
import {
  controlServiceAction,
  serviceDescription,
  setFirewallRule,
  setFirewallState,
  setStartType,
} from './adminActions';
import type {
  ActionResult,
  EventLogEntry,
  HostSnapshot,
  Locale,
  LogFileSnapshot,
  MailboxMessageSnapshot,
  WorldAction,
  WorldSnapshot,
} from './types';
import type { AcceptedMessage } from '../smtp/sessionMachine';
import { headerValue } from '../smtp/headers';

export interface WorldOptions {
  locale?: Locale;
  seed?: number;
  traffic?: TrafficSpec[];
}

export interface World {
  send(action: WorldAction): ActionResult;
  snapshot(): WorldSnapshot;
  subscribe(listener: (snapshot: WorldSnapshot) => void): () => void;
  /** W3C log files of a host (IIS), oldest first. */
  logFiles(host: string): LogFileSnapshot[];
  /** Raw access for tests and tools (not for the UI). */
  readonly internals: WorldInternals;
}

export interface WorldInternals {
  ctx: WorldContext;
  iis: Map<string, IisServer>;
  receivers: Map<string, ReceiverServer>;
  consoles: Map<string, ConsoleSession>;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

const toMailboxSnapshot = (m: AcceptedMessage): MailboxMessageSnapshot => ({
  messageId: headerValue(m.data, 'Message-ID') || m.queueId,
  from: m.from,
  to: m.to,
  subject: headerValue(m.data, 'Subject'),
  receivedAt: m.receivedAt,
  size: m.size,
});

/** Create a world. Traffic with negative times is replayed first, so the learner arrives mid-story. */
export function createWorld(spec: WorldSpec, options: WorldOptions = {}): World {
  const startMs = Date.parse(spec.start);
  const traffic = options.traffic ?? [];
  const times = traffic.flatMap((t) => submissionTimes(t));
  const historyStart = Math.min(0, ...times);
  const clock = new VirtualClock(startMs + historyStart);
  let locale: Locale = options.locale ?? 'en';
  let version = 0;
  let cached: WorldSnapshot | null = null;
  const listeners = new Set<(s: WorldSnapshot) => void>();

  const hosts = new Map<string, HostRuntime>();
  for (const [name, h] of Object.entries(spec.hosts)) hosts.set(name, new HostRuntime(name, h));
  const iis = new Map<string, IisServer>();
  const receivers = new Map<string, ReceiverServer>();
  const consoles = new Map<string, ConsoleSession>();

  const ctx: WorldContext = {
    clock,
    rng: new SeededRandom(options.seed ?? 1),
    net: new Network([...hosts.values()], spec.perimeter),
    dns: new Dns(spec.dns, spec.dnsFailures, dnsServersOf(spec.hosts)),
    hosts,
    locale: () => locale,
    utcOffsetMinutes: offsetMinutes(spec.utcOffset),
    dnsServerName: spec.dnsServerName,
    openSmtp(from, ip, port): OpenResult {
      const outcome = ctx.net.connect(from, ip, port);
      if (outcome.kind !== 'connected') return outcome;
      const host = outcome.host as HostRuntime;
      // The IIS virtual server when it holds the port, else a program on the host (hMailServer) or a remote receiver.
      const virtualServer = iis.get(host.name);
      const server = virtualServer?.listens(port, outcome.localIp)
        ? virtualServer
        : (receivers.get(host.name) ?? virtualServer);
      if (!server) return { kind: 'refused', host };
      const conn = new SmtpConnection(
        server.sessionInput(outcome.sourceIp, outcome.localIp),
        clock,
        server,
      ) as SmtpConnection & {
        clientIp: string;
        serverIp: string;
      };
      conn.clientIp = outcome.sourceIp;
      conn.serverIp = outcome.localIp;
      return { kind: 'open', conn, outcome };
    },
    addEvent(host, entry: EventLogEntry) {
      host.events.push(entry);
      ctx.changed();
    },
    changed() {
      version++;
      cached = null;
    },
  };

  for (const host of hosts.values()) {
    if (host.spec.iis || host.role === 'iis')
      iis.set(host.name, new IisServer(ctx, host, host.spec.iis));
    if (host.spec.receiver)
      receivers.set(host.name, new ReceiverServer(ctx, host, host.spec.receiver));
  }
  // A program that took the SMTP port before SMTPSVC started keeps it (port-in-use).
  for (const s of iis.values()) s.bootBind();
  for (const host of hosts.values()) {
    if (host.role === 'iis' || host.role === 'app' || host.role === 'client') {
      consoles.set(host.name, new ConsoleSession(ctx, host, iis.get(host.name) ?? null));
    }
  }

  traffic.forEach((t) => {
    submissionTimes(t).forEach((at, i) => {
      clock.setTimeout(() => {
        submit(ctx, t, i + 1, rfc5322Date(clock.now(), ctx.utcOffsetMinutes));
      }, at - historyStart);
    });
  });
  // Replay the story up to the learner's arrival.
  clock.advanceTo(startMs);

  const notify = () => {
    if (listeners.size === 0) return;
    const snap = world.snapshot();
    for (const l of listeners) l(snap);
  };

  function hostSnapshot(h: HostRuntime): HostSnapshot {
    return {
      name: h.name,
      fqdn: h.fqdn,
      ips: h.ips,
      role: h.role,
      firewall: {
        enabled: h.firewall.enabled,
        rules: h.firewall.rules.map((r) => ({
          name: r.name,
          // Built-in rules are named in the UI language, as Windows shows them.
          displayName: ruleText(r.displayName, locale) ?? r.name,
          direction: r.direction,
          action: r.action,
          enabled: r.enabled,
          protocol: r.protocol,
          localPort: r.localPort,
          remotePort: r.remotePort,
          remoteAddress: r.remoteAddress,
          group: ruleText(r.group, locale) ?? '',
          profile: 'Any',
        })),
      },
      services: [...h.services.values()].map((s) => ({
        ...s,
        description: serviceDescription(s.name, locale),
      })),
    };
  }

  function apply(action: WorldAction): ActionResult {
    switch (action.type) {
      case 'console.line':
      case 'console.interrupt': {
        const c = consoles.get(action.host);
        if (!c) return { ok: false, output: [], error: `No console on host '${action.host}'` };
        const output = action.type === 'console.line' ? c.input(action.line) : c.interrupt();
        ctx.changed();
        return { ok: true, output };
      }
      case 'console.complete': {
        const c = consoles.get(action.host);
        if (!c) return { ok: false, output: [], error: `No console on host '${action.host}'` };
        const { line, candidates } = c.complete(String(action.line));
        return { ok: true, output: candidates, completion: line };
      }
      case 'config.set': {
        const server = iis.get(action.host);
        if (!server || !server.installed)
          return { ok: false, output: [], error: `No IIS SMTP server on host '${action.host}'` };
        const error = applyConfigPatch(server, action.patch);
        if (error) return { ok: false, output: [], error };
        // New delay/expiration times apply to what is already queued (measured from arrival).
        server.queue.settingsChanged();
        ctx.changed();
        return { ok: true, output: [] };
      }
      case 'service.control':
      case 'service.config':
      case 'firewall.rule.set':
      case 'firewall.state': {
        const host = hosts.get(action.host);
        if (!host) return { ok: false, output: [], error: `No host named '${action.host}'` };
        if (action.type === 'service.control')
          return controlServiceAction(
            ctx,
            host,
            iis.get(host.name) ?? null,
            action.service,
            action.control,
          );
        if (action.type === 'service.config')
          return setStartType(ctx, host, action.service, action.startType);
        if (action.type === 'firewall.rule.set')
          return setFirewallRule(ctx, host, action.name, action.enabled);
        return setFirewallState(ctx, host, action.enabled);
      }
      case 'clock.advance': {
        if (!Number.isFinite(action.ms) || action.ms < 0)
          return {
            ok: false,
            output: [],
            error: 'clock.advance needs a non-negative number of milliseconds',
          };
        clock.advanceBy(action.ms);
        ctx.changed();
        return { ok: true, output: [] };
      }
      case 'clock.step': {
        const stepped = clock.step();
        ctx.changed();
        return stepped
          ? { ok: true, output: [] }
          : { ok: false, output: [], error: 'Nothing is scheduled' };
      }
      case 'world.locale': {
        if (action.locale !== 'ja' && action.locale !== 'en')
          return { ok: false, output: [], error: 'Unknown locale' };
        locale = action.locale;
        ctx.changed();
        return { ok: true, output: [] };
      }
      default:
        return {
          ok: false,
          output: [],
          error: `Unknown action ${(action as { type?: unknown }).type}`,
        };
    }
  }

  const world: World = {
    internals: { ctx, iis, receivers, consoles },
    send(action) {
      let result: ActionResult;
      try {
        result = apply(action);
      } catch (err) {
        // A bug in one command must not take the world down with it.
        result = { ok: false, output: [], error: `Internal error: ${(err as Error).message}` };
      }
      notify();
      return result;
    },
    snapshot() {
      if (cached) return cached;
      const mailboxes: Record<string, MailboxMessageSnapshot[]> = {};
      for (const r of receivers.values())
        for (const [addr, msgs] of r.mailboxes) mailboxes[addr] = msgs.map(toMailboxSnapshot);
      for (const s of iis.values())
        mailboxes[`${s.host.name}:Drop`] = s.drop.map(toMailboxSnapshot);
      cached = {
        now: clock.now(),
        nextEventAt: clock.nextDue(),
        utcOffsetMinutes: ctx.utcOffsetMinutes,
        locale,
        version,
        hosts: [...hosts.values()].map(hostSnapshot),
        queues: Object.fromEntries(
          [...iis.values()].map((s) => [
            s.host.name,
            [...s.queue.entries.values()].map((e) => ({
              fileName: e.fileName,
              from: e.message.from,
              to: e.pending,
              size: e.message.size,
              arrivedAt: e.message.receivedAt,
              attempts: e.attempts,
              nextAttemptAt: e.nextAttemptAt,
              lastError: e.lastError,
            })),
          ]),
        ),
        mailboxes,
        events: Object.fromEntries([...hosts.values()].map((h) => [h.name, [...h.events]])),
        consoles: Object.fromEntries(
          [...consoles.values()].map((c) => [c.host.name, c.snapshot()]),
        ),
        // Copies: the live settings are mutated in place by config.set.
        iis: Object.fromEntries(
          [...iis.values()]
            .filter((s) => s.installed)
            .map((s) => [s.host.name, structuredClone(s.settings)]),
        ),
      };
      return cached;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    logFiles(hostName) {
      const h = hosts.get(hostName);
      if (!h) return [];
      return h.fs.list(LOG_DIR).map((f) => ({ host: hostName, path: f.path, content: f.content }));
    },
  };
  return world;
}
