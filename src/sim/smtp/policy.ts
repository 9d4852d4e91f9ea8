/**
 * Server policy as plain functions: the session machine's guards only ask these.
 * (Modelled on smtp-server's onMailFrom/onRcptTo hooks: protocol core asks, policy answers.)
 */
import { domainOf } from './commands';

/** A computer list of the Access tab (Connection control, Relay restrictions), reference §4.2. */
export interface ComputerList {
  /** "Only the list below" or "All except the list below". */
  mode: 'onlyList' | 'allExceptList';
  /** Single IPs (`10.0.0.20`) or subnets (`10.0.0.0/24`). */
  list: string[];
  /** Domain entries: match the client's reverse-DNS name (the domain itself or a host below it). */
  domains: string[];
}

export interface RelayPolicy extends ComputerList {
  /** "Allow all computers which successfully authenticate to relay" (default on). */
  allowAuthenticated: boolean;
  /** Remote domains with "Allow incoming mail to be relayed to this domain". */
  relayDomains: string[];
}

/** Access › Authentication (reference §3.5, §4.2). */
export interface AuthPolicy {
  anonymous: boolean;
  /** Basic authentication = AUTH LOGIN with Windows credentials. */
  basic: boolean;
  /** Basic's "Requires TLS encryption": LOGIN is offered only on a secured channel. */
  basicRequiresTls: boolean;
  /** Basic's "Default domain", prepended when the user types no domain. */
  defaultDomain: string;
  /** Integrated Windows Authentication, advertised as GSSAPI and NTLM. */
  integrated: boolean;
  /** Windows accounts of the host (`user` = local account, `DOMAIN\user` = domain account). */
  accounts: { user: string; password: string }[];
}

/** Access › Secure communication (reference §3.6). */
export interface TlsPolicy {
  /** A server certificate is installed: STARTTLS is offered. */
  certificate: boolean;
  /** "Require TLS encryption": commands other than NOOP, EHLO, STARTTLS and QUIT need TLS first. */
  required: boolean;
}

export interface SessionConfig {
  fqdn: string;
  /** NetBIOS-style computer name (IIS message ids start with it). */
  computerName: string;
  version: string;
  utcOffsetMinutes: number;
  /** Domains this server accepts as final destination (IIS: Local and Alias domains). */
  localDomains: string[];
  /** Domain that completes a bare local-part (IIS: the Local (Default) domain); default: `fqdn`. */
  defaultDomain?: string;
  /** Known mailboxes (lower-case); null = every address of a local domain is accepted (IIS). */
  mailboxes: string[] | null;
  relay: RelayPolicy;
  maxMessageBytes: number | null;
  maxRecipients: number | null;
  /** "Limit session size": DATA bytes per connection; null = unchecked. */
  maxSessionBytes: number | null;
  connectionTimeoutMs: number;
  auth: AuthPolicy;
  tls: TlsPolicy;
  /** Access › Connection control (default: all except an empty list = everyone). */
  connectionControl: ComputerList;
  /** Delivery › Advanced: "Perform reverse DNS lookup on incoming messages". */
  reverseDnsLookup: boolean;
}

/** Access settings of a server that uses none of the optional features (remote receivers, tests). */
export function openAccess(): Pick<
  SessionConfig,
  'auth' | 'tls' | 'connectionControl' | 'reverseDnsLookup' | 'maxSessionBytes'
> {
  return {
    auth: {
      anonymous: true,
      basic: false,
      basicRequiresTls: false,
      defaultDomain: '',
      integrated: false,
      accounts: [],
    },
    tls: { certificate: false, required: false },
    connectionControl: { mode: 'allExceptList', list: [], domains: [] },
    reverseDnsLookup: false,
    maxSessionBytes: null,
  };
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
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

export function isLocalDomain(config: SessionConfig, domain: string): boolean {
  const d = domain.toLowerCase();
  return config.localDomains.some((l) => l.toLowerCase() === d);
}

/** Is `name` the domain itself or a host below it? (Domain entries force a reverse lookup, §4.2.) */
export function nameInDomain(name: string, domain: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  return n === d || n.endsWith(`.${d}`);
}

/** Does the client appear in a computer list (by IP, subnet, or reverse-DNS domain)? */
export function listed(list: ComputerList, clientIp: string, clientName: string | null): boolean {
  if (list.list.some((entry) => ipMatches(clientIp, entry))) return true;
  return clientName !== null && list.domains.some((d) => nameInDomain(clientName, d));
}

/** Access › Connection control: may this client talk to the virtual server at all? */
export function connectionAllowed(
  config: SessionConfig,
  clientIp: string,
  clientName: string | null,
): boolean {
  const hit = listed(config.connectionControl, clientIp, clientName);
  return config.connectionControl.mode === 'onlyList' ? hit : !hit;
}

export function relayAllowed(
  config: SessionConfig,
  clientIp: string,
  authenticated: boolean,
  clientName: string | null = null,
): boolean {
  if (authenticated && config.relay.allowAuthenticated) return true;
  const hit = listed(config.relay, clientIp, clientName);
  return config.relay.mode === 'onlyList' ? hit : !hit;
}

/**
 * Check Windows credentials for Basic or Integrated authentication. A name without a domain gets
 * the "Default domain" (Basic) or else the computer name, as Windows logon does (reference §3.5).
 * Returns the account as `DOMAIN\user`, or null.
 */
export function checkCredentials(
  auth: AuthPolicy,
  computerName: string,
  typed: string,
  password: string,
): string | null {
  const qualify = (user: string, domain: string): { domain: string; user: string } => {
    const slash = user.indexOf('\\');
    if (slash >= 0) return { domain: user.slice(0, slash), user: user.slice(slash + 1) };
    // A UPN (`alice@contoso.com`) names the domain by its first DNS label here.
    const at = user.lastIndexOf('@');
    if (at > 0)
      return { domain: user.slice(at + 1).split('.')[0] as string, user: user.slice(0, at) };
    return { domain, user };
  };
  const key = (a: { domain: string; user: string }) => `${a.domain}\\${a.user}`.toLowerCase();
  const wanted = qualify(typed, auth.defaultDomain || computerName);
  const account = auth.accounts.find((a) => key(qualify(a.user, computerName)) === key(wanted));
  if (!account || password === '' || account.password !== password) return null;
  return `${wanted.domain.toUpperCase()}\\${wanted.user}`;
}

/** RDNS check of IIS (KB 303734): the client's PTR name must match its HELO/EHLO argument. */
export function reverseDnsVerified(helo: string, clientName: string | null): boolean {
  return (
    clientName !== null &&
    clientName.toLowerCase().replace(/\.$/, '') === helo.toLowerCase().replace(/\.$/, '')
  );
}

export type RcptDecision = 'ok' | 'relayDenied' | 'unknownUser';

/** RCPT TO policy: local delivery, permitted relay, or refusal (reference §3.4, KB 304897). */
export function rcptDecision(
  config: SessionConfig,
  address: string,
  clientIp: string,
  authenticated: boolean,
  clientName: string | null = null,
): RcptDecision {
  const domain = domainOf(address);
  if (domain === '' || isLocalDomain(config, domain)) {
    if (config.mailboxes === null || domain === '') return 'ok';
    return config.mailboxes.includes(address.toLowerCase()) ? 'ok' : 'unknownUser';
  }
  // Remote domains with "Allow incoming mail to be relayed to this domain"; `*.x` covers x's subdomains.
  if (
    config.relay.relayDomains.some((d) =>
      d.startsWith('*.') ? nameInDomain(domain, d) : d.toLowerCase() === domain,
    )
  )
    return 'ok';
  return relayAllowed(config, clientIp, authenticated, clientName) ? 'ok' : 'relayDenied';
}
