/**
 * A small, honest SPF evaluator (RFC 7208 §4–§6) for the receivers' SPF check: `check_host()` over
 * the world's DNS with the mechanisms all, ip4, ip6, a, mx, include and exists, the qualifiers
 * + - ~ ?, the redirect= modifier and the ten-lookup limit (§4.6.4). Not modelled: macros (§7)
 * and the deprecated ptr mechanism; a record that uses them is a permerror here.
 */
import type { Resolver } from '../dns/dns';
import { ipMatches } from './policy';

export type SpfResult =
  'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

const QUALIFIERS: Record<string, SpfResult> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** RFC 7208 §4.6.4: at most 10 mechanisms and modifiers that query DNS. */
const MAX_LOOKUPS = 10;

class SpfError extends Error {
  constructor(readonly result: 'temperror' | 'permerror') {
    super(result);
  }
}

/** The one `v=spf1` record of a domain (§4.5), or null for none. */
function spfRecord(resolver: Resolver, domain: string): string | null {
  const txt = resolver.txt(domain);
  if (txt.kind === 'nxdomain' || txt.kind === 'nodata') return null;
  if (txt.kind !== 'answer') throw new SpfError('temperror');
  const records = txt.records.map((r) => r.text.trim()).filter((t) => /^v=spf1(\s|$)/i.test(t));
  if (records.length > 1) throw new SpfError('permerror');
  return records[0] ?? null;
}

interface State {
  resolver: Resolver;
  ip: string;
  lookups: number;
}

function countLookup(s: State): void {
  if (++s.lookups > MAX_LOOKUPS) throw new SpfError('permerror');
}

/** `domain` and `/len` of an a or mx mechanism (`a`, `a:example.net`, `a/24`, `mx:example.net/28`). */
function domainAndCidr(arg: string, current: string): { domain: string; cidr: number } {
  const m = /^(?::([^/]+))?(?:\/(\d{1,2}))?(?:\/\/\d{1,3})?$/.exec(arg);
  if (!m) throw new SpfError('permerror');
  const cidr = m[2] === undefined ? 32 : Number(m[2]);
  if (cidr > 32) throw new SpfError('permerror');
  return { domain: m[1] ?? current, cidr };
}

function addresses(s: State, name: string): string[] {
  const a = s.resolver.a(name);
  if (a.kind === 'answer') return a.records.map((r) => r.ip);
  if (a.kind === 'nxdomain' || a.kind === 'nodata') return [];
  throw new SpfError('temperror');
}

function matches(s: State, mechanism: string, arg: string, domain: string): boolean {
  switch (mechanism) {
    case 'all':
      if (arg !== '') throw new SpfError('permerror');
      return true;
    case 'ip4': {
      const m = /^:(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(arg);
      if (!m) throw new SpfError('permerror');
      return (
        IPV4.test(s.ip) &&
        ipMatches(s.ip, m[2] === undefined ? (m[1] as string) : `${m[1]}/${m[2]}`)
      );
    }
    case 'ip6':
      // The world's clients speak IPv4; an ip6 mechanism never matches them (§5.6).
      if (!/^:[0-9a-f:.]+(\/\d{1,3})?$/i.test(arg)) throw new SpfError('permerror');
      return false;
    case 'a': {
      countLookup(s);
      const { domain: d, cidr } = domainAndCidr(arg, domain);
      return addresses(s, d).some((ip) => ipMatches(s.ip, `${ip}/${cidr}`));
    }
    case 'mx': {
      countLookup(s);
      const { domain: d, cidr } = domainAndCidr(arg, domain);
      const mx = s.resolver.mx(d);
      if (mx.kind === 'nxdomain' || mx.kind === 'nodata') return false;
      if (mx.kind !== 'answer') throw new SpfError('temperror');
      // §4.6.4: at most 10 MX names are looked up.
      return mx.records
        .slice(0, 10)
        .some(
          (r) =>
            r.exchange !== '.' &&
            addresses(s, r.exchange).some((ip) => ipMatches(s.ip, `${ip}/${cidr}`)),
        );
    }
    case 'include': {
      countLookup(s);
      if (!arg.startsWith(':') || arg.length < 2) throw new SpfError('permerror');
      const result = evaluate(s, arg.slice(1));
      // §5.2: only pass matches; none and permerror are errors; temperror propagates.
      if (result === 'pass') return true;
      if (result === 'temperror' || result === 'permerror') throw new SpfError(result);
      if (result === 'none') throw new SpfError('permerror');
      return false;
    }
    case 'exists': {
      countLookup(s);
      if (!arg.startsWith(':') || arg.length < 2) throw new SpfError('permerror');
      return addresses(s, arg.slice(1)).length > 0;
    }
    default:
      // Unknown mechanisms (and ptr, not modelled) are a permanent error (§4.6.2).
      throw new SpfError('permerror');
  }
}

function evaluate(s: State, domain: string): SpfResult {
  const record = spfRecord(s.resolver, domain);
  if (record === null) return 'none';
  if (record.includes('%')) throw new SpfError('permerror');
  const terms = record.split(/\s+/).slice(1).filter(Boolean);
  let redirect: string | null = null;
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      if ((modifier[1] as string).toLowerCase() === 'redirect') {
        if (redirect !== null) throw new SpfError('permerror');
        redirect = modifier[2] as string;
      }
      continue;
    }
    const m = /^([+\-~?]?)([a-z0-9]+)(.*)$/i.exec(term);
    if (!m) throw new SpfError('permerror');
    const qualifier = QUALIFIERS[m[1] || '+'] as SpfResult;
    if (matches(s, (m[2] as string).toLowerCase(), m[3] as string, domain)) return qualifier;
  }
  if (redirect !== null) {
    countLookup(s);
    const result = evaluate(s, redirect);
    return result === 'none' ? 'permerror' : result;
  }
  return 'neutral';
}

/**
 * check_host(ip, domain) (RFC 7208 §4): the SPF verdict for `ip` sending as `domain` (the MAIL
 * FROM domain, or the HELO name for the null sender, §2.4).
 */
export function checkHost(resolver: Resolver, ip: string, domain: string): SpfResult {
  try {
    return evaluate({ resolver, ip, lookups: 0 }, domain.toLowerCase());
  } catch (e) {
    if (e instanceof SpfError) return e.result;
    throw e;
  }
}
