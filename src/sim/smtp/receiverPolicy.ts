/**
 * What a remote receiver checks before it takes mail, as pure functions of the session facts, the
 * world's DNS and the receiver's memory (greylist triplets, message counts). The session machine
 * asks `evaluate` at each stage; a check runs at the stage where the real receiver runs it
 * (`POLICY_STAGES`, per dialect) and answers with that receiver's text (`POLICY_REPLIES`).
 * Sources: reference §9.1–§9.8; Postfix smtpd_delay_reject (restrictions applied at RCPT).
 */
import type { Resolver } from '../dns/dns';
import { reverseName } from '../dns/dns';
import type { ReceiverSpec } from '../scenario/schema';
import { domainOf } from './commands';
import { fill, type ReplyTemplate } from './dialect';
import { checkHost } from './spf';
import {
  POLICY_REPLIES,
  POLICY_STAGES,
  type PolicyCheck,
  type PolicyStage,
} from './dialects/policyReplies';

export type { PolicyCheck, PolicyStage } from './dialects/policyReplies';

export type ReceiverPolicy = NonNullable<ReceiverSpec['policy']>;

/** What the session knows when it asks. */
export interface PolicyFacts {
  clientIp: string;
  helo: string | null;
  mailFrom: string | null;
  /** The recipient being checked (RCPT), or null. */
  rcpt: string | null;
  /** Recipients accepted so far (end of DATA). */
  rcpts: string[];
  tls: boolean;
  authenticated: boolean;
}

/** A refusal: the reply to send instead of the normal one, and whether to hang up after it. */
export interface PolicyVerdict {
  /** The receiver check that refused, or the IIS host's own state (`insufficientStorage`: disk full). */
  check: PolicyCheck | 'insufficientStorage';
  code: number;
  /** Reply text lines, placeholders filled, without the code. */
  lines: string[];
  close: boolean;
}

/** The receiver's memory across sessions (greylisting, rate limits), on the virtual clock. */
export class PolicyMemory {
  readonly greylist = new Map<string, number>();
  readonly messages = new Map<string, number[]>();

  /** Greylisting (reference §9.4): the first try of a triplet waits `minutes`; later tries pass. */
  greylisted(triplet: string, now: number, minutes: number): boolean {
    const first = this.greylist.get(triplet);
    if (first === undefined) {
      this.greylist.set(triplet, now);
      return true;
    }
    return now - first < minutes * 60_000;
  }

  /** Messages this client started within the window, the current one included. */
  countMessage(clientIp: string, now: number, windowMinutes: number): number {
    const since = now - windowMinutes * 60_000;
    const times = (this.messages.get(clientIp) ?? []).filter((t) => t > since);
    times.push(now);
    this.messages.set(clientIp, times);
    return times.length;
  }
}

/** A HELO name counts as fully qualified when it has a dot or is an address literal (§9.8). */
export function isFqdn(helo: string): boolean {
  return /^\[[\d.]+\]$/.test(helo) || /^[^.]+\.[^.]+/.test(helo.replace(/\.$/, ''));
}

/** PTR checks (reference §9.1): the client needs a PTR, and with FCrDNS the name must map back. */
export function ptrProblem(resolver: Resolver, ip: string, fcrdns: boolean): boolean {
  const ptr = resolver.ptr(ip);
  if (ptr.kind !== 'answer') return true;
  if (!fcrdns) return false;
  return !ptr.records.some((r) => {
    const a = resolver.a(r.host);
    return a.kind === 'answer' && a.records.some((x) => x.ip === ip);
  });
}

/** The first DNSBL zone that lists the address (an A record under the reversed address), with its TXT reason. */
export function dnsblListing(
  resolver: Resolver,
  ip: string,
  zones: string[],
): { zone: string; reason: string } | null {
  const reversed = reverseName(ip).replace(/\.in-addr\.arpa$/, '');
  for (const zone of zones) {
    const name = `${reversed}.${zone}`;
    const a = resolver.a(name);
    if (a.kind !== 'answer') continue;
    const txt = resolver.txt(name);
    return { zone, reason: txt.kind === 'answer' ? (txt.records[0]?.text ?? '') : '' };
  }
  return null;
}

export interface PolicyContext {
  policy: ReceiverPolicy;
  dialect: string;
  resolver: Resolver;
  memory: PolicyMemory;
  now: number;
  fqdn: string;
  /** Per-connection tag some providers print (Gmail's `… - gsmtp` id). */
  sessionTag: string;
}

function verdict(
  ctx: PolicyContext,
  check: PolicyCheck,
  values: Record<string, string>,
): PolicyVerdict {
  const table = POLICY_REPLIES[ctx.dialect] ?? POLICY_REPLIES.postfix!;
  const t: ReplyTemplate & { close?: boolean } = table[check];
  const all = { fqdn: ctx.fqdn, id: ctx.sessionTag, ...values };
  return { check, code: t.code, lines: t.lines.map((l) => fill(l, all)), close: t.close ?? false };
}

/** Run the checks that belong to `stage`; the first refusal wins, in the order real receivers check. */
export function evaluate(
  ctx: PolicyContext,
  stage: PolicyStage,
  f: PolicyFacts,
): PolicyVerdict | null {
  const p = ctx.policy;
  const stages = POLICY_STAGES[ctx.dialect] ?? POLICY_STAGES.postfix!;
  const at = (check: PolicyCheck) => stages[check] === stage;
  const values = {
    clientIp: f.clientIp,
    helo: f.helo ?? '',
    sender: f.mailFrom ?? '',
    senderEnc: (f.mailFrom ?? '').replace('@', '%40'),
    address: f.rcpt ?? f.rcpts[0] ?? '',
    rcptDomain: domainOf(f.rcpt ?? f.rcpts[0] ?? ''),
  };
  if (p.requireTls && at('tlsRequired') && !f.tls) return verdict(ctx, 'tlsRequired', values);
  // Authenticated submission skips the spam checks (Postfix permit_sasl_authenticated comes first).
  if (f.authenticated) return null;
  if (p.requireFqdnHelo && at('heloNotFqdn') && f.helo !== null && !isFqdn(f.helo))
    return verdict(ctx, 'heloNotFqdn', values);
  if (
    p.rateLimit &&
    at('rateLimited') &&
    ctx.memory.countMessage(f.clientIp, ctx.now, p.rateLimit.windowMinutes) > p.rateLimit.max
  )
    return verdict(ctx, 'rateLimited', values);
  if (
    (p.requirePtr || p.requireFcrdns) &&
    at('noPtr') &&
    ptrProblem(ctx.resolver, f.clientIp, p.requireFcrdns)
  )
    return verdict(ctx, 'noPtr', values);
  if (p.dnsbl.length > 0 && at('dnsbl')) {
    const listed = dnsblListing(ctx.resolver, f.clientIp, p.dnsbl);
    if (listed) {
      const reason = listed.reason ? `; ${listed.reason}` : '';
      return verdict(ctx, 'dnsbl', {
        ...values,
        zone: listed.zone,
        zoneReason: reason,
        zoneName: /spamhaus/i.test(listed.zone) ? 'Spamhaus' : listed.zone,
      });
    }
  }
  if (p.spf && at('spfFail')) {
    // RFC 7208 §2.4: the null sender is checked by its HELO name.
    const domain = f.mailFrom ? domainOf(f.mailFrom) : (f.helo ?? '');
    if (domain && checkHost(ctx.resolver, f.clientIp, domain) === 'fail')
      return verdict(ctx, 'spfFail', { ...values, senderDomain: domain });
  }
  if (p.greylistMinutes !== undefined && at('greylisted') && f.rcpt !== null) {
    const triplet = `${f.clientIp}|${(f.mailFrom ?? '').toLowerCase()}|${f.rcpt.toLowerCase()}`;
    if (ctx.memory.greylisted(triplet, ctx.now, p.greylistMinutes))
      return verdict(ctx, 'greylisted', values);
  }
  return null;
}
