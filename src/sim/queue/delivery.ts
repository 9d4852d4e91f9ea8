/**
 * One delivery attempt for one remote domain: find the next hop (routing.ts), connect to each
 * host in turn until one accepts a session (next MX on a connection failure and on a 4xx
 * greeting, KB 303889), then hand over up to "messages per connection" messages on each
 * connection (reference §3.8, §4.3). Failures are reported per recipient: 5xx is permanent,
 * 4xx and connection trouble are transient. Events 4006 (per host) and 4000 (per domain) name
 * the reason with its HRESULT (§6.2).
 */
import { ClientSession, type ClientOptions, type OpenFailure } from '../smtp/client';
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import { event4000, event4006, SMTP_REASONS, type SmtpReason } from '../logs/eventLog';
import type { W3cLog } from '../logs/w3c';
import { domainOf } from '../smtp/commands';
import { statusFromReply } from './ndr';
import type { OutboundConfig } from './outbound';
import {
  outboundResolver,
  planRoute,
  type NextHop,
  type RouteFailure,
  type RoutePlan,
} from './routing';

export interface OutboundMail {
  id: string;
  from: string;
  rcpts: string[];
  data: string;
}

export interface PermanentFailure {
  rcpt: string;
  status: string;
  /** The remote reply, for Diagnostic-Code; null when IIS itself gave up. */
  diagnostic: string | null;
}

export interface MailOutcome {
  delivered: string[];
  permanent: PermanentFailure[];
  transient: { rcpts: string[]; reason: SmtpReason; detail: string } | null;
}

export interface DeliveryEnv {
  ctx: WorldContext;
  host: HostRuntime;
  cfg: OutboundConfig;
  log: W3cLog;
  /** The remote server took responsibility (250 after DATA) for these recipients. */
  handoff(mail: OutboundMail, rcpts: string[], destHost: string): void;
}

type Connected = { session: ClientSession; destHost: string; ip: string };
type ConnectFailure = RouteFailure & { detail: string };

/** `MAIL FROM` with the masquerade domain, first hop only (reference §4.4); `<>` stays null. */
export function masquerade(from: string, domain: string): string {
  if (!domain || from === '') return from;
  const at = from.lastIndexOf('@');
  return at < 0 ? from : `${from.slice(0, at)}@${domain}`;
}

function hooksFor(env: DeliveryEnv, remoteIp: string, clock: { at: () => number }) {
  let pendingLatency = 0;
  const { ctx, log, cfg } = env;
  const line = (
    username: string,
    method: string,
    query: string,
    bytes: number,
    timeTaken: number,
  ) =>
    log.write({
      time: clock.at(),
      clientIp: remoteIp,
      username,
      serverIp: '',
      serverPort: cfg.outboundPort,
      method,
      query,
      status: 0,
      win32Status: 0,
      bytesSent: bytes,
      bytesReceived: 0,
      timeTaken,
    });
  return {
    latency: () => (pendingLatency = ctx.rng.int(12, 48)),
    // IIS logs the verb's length as sc-bytes of a command line (reference §5.7).
    command: (verb: string, args: string) =>
      line('OutboundConnectionCommand', verb, args, verb.length, 0),
    // Only the first line of a multi-line reply is logged (reference §5.8).
    response: (lines: string[]) => {
      const first = lines[0] ?? '';
      line(
        'OutboundConnectionResponse',
        '',
        first,
        first.length,
        pendingLatency || ctx.rng.int(30, 95),
      );
      pendingLatency = 0;
    },
  };
}

function ownAddress(host: HostRuntime, ip: string): boolean {
  return host.ips.includes(ip) || host.publicIp === ip || ip.startsWith('127.');
}

/** An A-record failure for a hop: a smart host that does not resolve is permanent (KB 276347). */
function hopLookupFailure(hop: NextHop, kind: string, serverDown: boolean): ConnectFailure {
  if (hop.smartHost && (kind === 'nxdomain' || kind === 'nodata' || kind === 'refused'))
    return {
      permanent: true,
      reason: kind === 'refused' ? 'dnsInternal' : 'dnsBind',
      status: '5.4.0',
      detail: '',
    };
  if (kind === 'nxdomain' || kind === 'nodata')
    return { permanent: false, reason: 'dnsBind', status: '4.4.0', detail: '' };
  return {
    permanent: false,
    reason: serverDown ? 'noDnsServer' : 'dnsInternal',
    status: '4.4.3',
    detail: '',
  };
}

/** A session that did not come up: TLS missing everywhere or a 5xx hello is permanent (KB 303668). */
function openFailure(f: OpenFailure): ConnectFailure {
  const permanent = f.reason === 'noTls' || (f.reason === 'protocolError' && f.code >= 500);
  return {
    permanent,
    reason: f.reason,
    status: permanent
      ? statusFromReply(f.reply, f.reason === 'noTls' ? '5.7.10' : '5.5.0')
      : '4.0.0',
    detail: f.reply,
  };
}

/** Try each hop of the plan (then its fallback) until one gives a session. */
function connect(
  env: DeliveryEnv,
  plan: RoutePlan,
  domain: string,
  clock: { base: number; offset: number },
): Connected | ConnectFailure {
  const { ctx, host, cfg } = env;
  const resolver = outboundResolver(ctx.dns, host.spec.dns, cfg);
  let last: ConnectFailure = plan.failure
    ? { ...plan.failure, detail: '' }
    : { permanent: false, reason: 'noResponse', status: '4.4.1', detail: '' };
  /** A refusal for good needs every host to refuse for good; one host that might recover means retry. */
  let anyTransient = false;
  for (const hop of plan.hops) {
    let ip = hop.ip;
    if (ip === null) {
      const a = resolver.a(hop.name, { tcp: true });
      if (a.kind !== 'answer') {
        last = hopLookupFailure(hop, a.kind, resolver.serverFailure({ tcp: true }) === 'timeout');
        if (last.permanent) break;
        anyTransient = true;
        continue;
      }
      ip = a.records[0]?.ip ?? null;
      if (ip === null) continue;
    }
    if (ownAddress(host, ip)) {
      last = { permanent: true, reason: 'mailLoop', status: '5.3.5', detail: '' };
      break;
    }
    const opened = ctx.openSmtp(host, ip, cfg.outboundPort);
    if (opened.kind !== 'open') {
      last = {
        permanent: false,
        reason: opened.kind === 'refused' ? 'cannotConnect' : 'noResponse',
        status: '4.4.1',
        detail: '',
      };
      anyTransient = true;
      ctx.addEvent(host, event4006(ctx.clock.now(), ip, domain, last.reason));
      continue;
    }
    const conn = opened.conn;
    const at = () => clock.base + clock.offset + conn.elapsedMs;
    const opts: ClientOptions = {
      helo: cfg.fqdn,
      useHelo: plan.useHelo,
      requireTls: plan.security.tls,
      auth:
        plan.security.auth === 'basic'
          ? { user: plan.security.user, password: plan.security.password }
          : null,
    };
    const session = ClientSession.open(conn, opts, hooksFor(env, ip, { at }));
    if (session instanceof ClientSession) {
      // Integrated Windows Authentication outbound is not modelled: the remote "rejects" it.
      if (plan.security.auth === 'integrated') {
        session.quit();
        clock.offset += conn.elapsedMs;
        last = { permanent: false, reason: 'authRejected', status: '4.7.0', detail: '' };
        anyTransient = true;
        ctx.addEvent(host, event4006(ctx.clock.now(), ip, domain, last.reason));
        continue;
      }
      return { session, destHost: opened.outcome.host.name, ip };
    }
    clock.offset += conn.elapsedMs;
    last = openFailure(session);
    ctx.addEvent(host, event4006(ctx.clock.now(), ip, domain, last.reason));
    anyTransient ||= !last.permanent;
  }
  if (last.permanent && anyTransient && last.reason !== 'mailLoop')
    last = { ...last, permanent: false };
  if (plan.fallback && !(last.permanent && last.reason === 'mailLoop')) {
    const viaFallback = connect(env, plan.fallback, domain, clock);
    if ('session' in viaFallback) return viaFallback;
    last = viaFallback;
  }
  return last;
}

const isTooManyRecipients = (code: number, reply: string) =>
  code === 452 || / 4\.5\.3\b/.test(reply);

/** Run the transactions of a batch over one session. */
function transmit(
  env: DeliveryEnv,
  c: Connected,
  mails: OutboundMail[],
  outcomes: MailOutcome[],
): void {
  for (let i = 0; i < mails.length; i++) {
    const mail = mails[i] as OutboundMail;
    const out = outcomes[i] as MailOutcome;
    if (c.session.closed) {
      out.transient = { rcpts: mail.rcpts, reason: 'dropped', detail: '' };
      continue;
    }
    const from = masquerade(mail.from, env.cfg.masqueradeDomain);
    let rcpts = mail.rcpts;
    const transient: string[] = [];
    let reason: SmtpReason = 'protocolError';
    let detail = '';
    for (;;) {
      const r = c.session.send({ from, rcpts, data: mail.data });
      if (r.tooLarge) {
        // The remote announced a smaller SIZE: IIS gives up itself (reference §9.5), and says so
        // for the host and the domain with 0xC00402DC (docs/fidelity.md).
        for (const rcpt of rcpts) out.permanent.push({ rcpt, status: '5.3.4', diagnostic: null });
        const now = env.ctx.clock.now();
        env.ctx.addEvent(env.host, event4006(now, c.ip, domainOf(rcpts[0] ?? ''), 'tooLarge'));
        env.ctx.addEvent(env.host, event4000(now, domainOf(rcpts[0] ?? ''), 'tooLarge'));
        break;
      }
      if (r.delivered.length > 0) {
        out.delivered.push(...r.delivered);
        env.handoff(mail, r.delivered, c.destHost);
      }
      const again: string[] = [];
      for (const f of r.failed) {
        if (f.code >= 500)
          out.permanent.push({
            rcpt: f.rcpt,
            status: statusFromReply(f.reply, '5.5.0'),
            diagnostic: f.reply,
          });
        else if (f.code === 0) {
          transient.push(f.rcpt);
          reason = 'dropped';
        } else if (isTooManyRecipients(f.code, f.reply) && r.delivered.length > 0)
          again.push(f.rcpt);
        else {
          transient.push(f.rcpt);
          reason = r.dropped ? 'dropped' : 'protocolError';
          detail = f.reply;
        }
      }
      // A receiver's recipient limit: the rest go in another transaction (reference §3.8).
      if (again.length > 0 && !c.session.closed) {
        rcpts = again;
        continue;
      }
      transient.push(...again);
      break;
    }
    if (transient.length > 0) out.transient = { rcpts: transient, reason, detail };
  }
}

/** Deliver the due messages of one domain; one outcome per message, in order. */
export function deliverDomain(
  env: DeliveryEnv,
  domain: string,
  mails: OutboundMail[],
): MailOutcome[] {
  const { ctx, host, cfg } = env;
  const outcomes: MailOutcome[] = mails.map(() => ({
    delivered: [],
    permanent: [],
    transient: null,
  }));
  const plan = planRoute(outboundResolver(ctx.dns, host.spec.dns, cfg), cfg, domain);
  const perConnection = cfg.maxMessagesPerConnection ?? mails.length;
  const clock = { base: ctx.clock.now(), offset: 0 };
  for (let start = 0; start < mails.length; start += perConnection) {
    const c = connect(env, plan, domain, clock);
    if (!('session' in c)) {
      // No host took a session: every message still waiting fails the same way.
      ctx.addEvent(host, event4000(ctx.clock.now(), domain, c.reason));
      for (let i = start; i < mails.length; i++) {
        const mail = mails[i] as OutboundMail;
        const out = outcomes[i] as MailOutcome;
        if (c.permanent)
          out.permanent.push(
            ...mail.rcpts.map((rcpt) => ({ rcpt, status: c.status, diagnostic: c.detail || null })),
          );
        else
          out.transient = {
            rcpts: mail.rcpts,
            reason: c.reason,
            detail: c.detail || SMTP_REASONS[c.reason].text,
          };
      }
      break;
    }
    transmit(
      env,
      c,
      mails.slice(start, start + perConnection),
      outcomes.slice(start, start + perConnection),
    );
    c.session.quit();
    clock.offset += c.session.conn.elapsedMs;
  }
  return outcomes;
}
