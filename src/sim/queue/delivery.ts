/**
 * One delivery attempt for one destination domain: route (smart host or MX by preference, falling
 * back to the domain's A record), connect to each host in turn, and run the SMTP dialogue.
 * Connection and DNS failures are transient; 5xx replies are permanent (reference §1.10, §9).
 */
import { runClientDialogue, type RcptOutcome } from '../smtp/client';
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import { event4006, type SmtpReason } from '../logs/eventLog';
import type { W3cLog } from '../logs/w3c';
import type { IisSettings } from '../smtp/iisSettings';

export interface AttemptResult {
  delivered: string[];
  permanent: RcptOutcome[];
  /** Recipients still pending, with the reason for the event log and the queue view. */
  transient: { rcpts: string[]; reason: SmtpReason; detail: string } | null;
}

interface Route {
  hosts: { name: string; ip: string | null }[];
  /** Set when no route could be found at all. */
  failure?: { permanent: boolean; reason: SmtpReason };
}

function route(ctx: WorldContext, settings: IisSettings, domain: string): Route {
  const smart = settings.smartHost.trim();
  if (smart) {
    const literal = /^\[(\d+\.\d+\.\d+\.\d+)\]$/.exec(smart);
    if (literal) return { hosts: [{ name: smart, ip: literal[1] as string }] };
    return { hosts: [{ name: smart, ip: null }] };
  }
  const mx = ctx.dns.mx(domain);
  if (mx.kind === 'answer') return { hosts: mx.records.map((r) => ({ name: r.exchange, ip: null })) };
  if (mx.kind === 'nodata') return { hosts: [{ name: domain, ip: null }] };
  if (mx.kind === 'nxdomain') return { hosts: [], failure: { permanent: true, reason: 'noSuchDomain' } };
  return { hosts: [], failure: { permanent: false, reason: 'dnsInternal' } };
}

export function attemptDelivery(
  ctx: WorldContext,
  iis: HostRuntime,
  settings: IisSettings,
  log: W3cLog,
  mail: { from: string; rcpts: string[]; data: string; domain: string },
): AttemptResult {
  const r = route(ctx, settings, mail.domain);
  if (r.failure) {
    if (r.failure.permanent) {
      return {
        delivered: [],
        permanent: mail.rcpts.map((rcpt) => ({ rcpt, code: 550, reply: '', stage: 'CONNECT' as const })),
        transient: null,
      };
    }
    return { delivered: [], permanent: [], transient: { rcpts: mail.rcpts, reason: r.failure.reason, detail: '' } };
  }
  let lastReason: SmtpReason = 'noResponse';
  for (const target of r.hosts) {
    let ip = target.ip;
    if (ip === null) {
      const a = ctx.dns.a(target.name);
      if (a.kind !== 'answer') {
        lastReason = a.kind === 'nxdomain' || a.kind === 'nodata' ? 'dnsBind' : 'dnsInternal';
        continue;
      }
      ip = a.records[0]?.ip ?? null;
      if (ip === null) continue;
    }
    const opened = ctx.openSmtp(iis, ip, settings.outboundPort);
    if (opened.kind !== 'open') {
      lastReason = opened.kind === 'refused' ? 'cannotConnect' : 'noResponse';
      ctx.addEvent(iis, event4006(ctx.clock.now(), ip, mail.domain, lastReason));
      continue;
    }
    const conn = opened.conn;
    const remoteIp = ip;
    const base = ctx.clock.now();
    let pendingLatency = 0;
    const result = runClientDialogue(
      conn,
      { helo: settings.fqdn, from: mail.from, rcpts: mail.rcpts, data: mail.data },
      {
        latency: () => (pendingLatency = ctx.rng.int(12, 48)),
        command: (verb, args) =>
          log.write({
            time: base + conn.elapsedMs,
            clientIp: remoteIp,
            username: 'OutboundConnectionCommand',
            serverIp: '',
            serverPort: settings.outboundPort,
            method: verb,
            query: args,
            status: 0,
            win32Status: 0,
            bytesSent: 4,
            bytesReceived: 0,
            timeTaken: 0,
          }),
        response: (lines) => {
          const first = (lines[0] ?? '').replace(/^(\d{3})-/, '$1-');
          log.write({
            time: base + conn.elapsedMs,
            clientIp: remoteIp,
            username: 'OutboundConnectionResponse',
            serverIp: '',
            serverPort: settings.outboundPort,
            method: '',
            query: first,
            status: 0,
            win32Status: 0,
            bytesSent: first.length,
            bytesReceived: 0,
            timeTaken: pendingLatency || ctx.rng.int(30, 95),
          });
          pendingLatency = 0;
        },
      },
    );
    const permanent = result.failed.filter((f) => f.code >= 500);
    const transientRcpts = result.failed.filter((f) => f.code < 500).map((f) => f.rcpt);
    if (transientRcpts.length > 0) ctx.addEvent(iis, event4006(ctx.clock.now(), ip, mail.domain, 'protocolError'));
    return {
      delivered: result.delivered,
      permanent,
      transient:
        transientRcpts.length > 0
          ? { rcpts: transientRcpts, reason: 'protocolError', detail: result.failed.find((f) => f.code < 500)?.reply ?? '' }
          : null,
    };
  }
  return { delivered: [], permanent: [], transient: { rcpts: mail.rcpts, reason: lastReason, detail: '' } };
}
