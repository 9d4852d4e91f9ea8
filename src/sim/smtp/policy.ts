/**
 * Server policy as plain functions: the session machine's guards only ask these.
 * (Modelled on smtp-server's onMailFrom/onRcptTo hooks: protocol core asks, policy answers.)
 */
import { domainOf } from './commands';

export interface RelayPolicy {
  /** IIS Relay restrictions: "Only the list below" (default) or "All except the list below". */
  mode: 'onlyList' | 'allExceptList';
  /** Single IPs (`10.0.0.20`) or subnets (`10.0.0.0/24`). */
  list: string[];
  /** "Allow all computers which successfully authenticate to relay" (default on). */
  allowAuthenticated: boolean;
  /** Remote domains with "Allow incoming mail to be relayed to this domain". */
  relayDomains: string[];
}

export interface SessionConfig {
  fqdn: string;
  /** NetBIOS-style computer name (IIS message ids start with it). */
  computerName: string;
  version: string;
  utcOffsetMinutes: number;
  /** Domains this server accepts as final destination (IIS: Local and Alias domains). */
  localDomains: string[];
  /** Known mailboxes (lower-case); null = every address of a local domain is accepted (IIS). */
  mailboxes: string[] | null;
  relay: RelayPolicy;
  maxMessageBytes: number | null;
  maxRecipients: number | null;
  connectionTimeoutMs: number;
}

function ipToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Does `ip` match a list entry: a single address or `a.b.c.d/len`? */
export function ipMatches(ip: string, entry: string): boolean {
  const [base, lenText] = entry.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(base ?? '');
  if (a === null || b === null) return false;
  const len = lenText === undefined ? 32 : Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > 32) return false;
  if (len === 0) return true;
  const mask = (0xffffffff << (32 - len)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

export function isLocalDomain(config: SessionConfig, domain: string): boolean {
  const d = domain.toLowerCase();
  return config.localDomains.some((l) => l.toLowerCase() === d);
}

export function relayAllowed(config: SessionConfig, clientIp: string, authenticated: boolean): boolean {
  if (authenticated && config.relay.allowAuthenticated) return true;
  const listed = config.relay.list.some((entry) => ipMatches(clientIp, entry));
  return config.relay.mode === 'onlyList' ? listed : !listed;
}

export type RcptDecision = 'ok' | 'relayDenied' | 'unknownUser';

/** RCPT TO policy: local delivery, permitted relay, or refusal (reference §3.4, KB 304897). */
export function rcptDecision(
  config: SessionConfig,
  address: string,
  clientIp: string,
  authenticated: boolean,
): RcptDecision {
  const domain = domainOf(address);
  if (domain === '' || isLocalDomain(config, domain)) {
    if (config.mailboxes === null || domain === '') return 'ok';
    return config.mailboxes.includes(address.toLowerCase()) ? 'ok' : 'unknownUser';
  }
  if (config.relay.relayDomains.some((d) => d.toLowerCase() === domain)) return 'ok';
  return relayAllowed(config, clientIp, authenticated) ? 'ok' : 'relayDenied';
}
