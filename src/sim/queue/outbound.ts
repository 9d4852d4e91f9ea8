/**
 * The outbound part of the IIS configuration as the queue reads it (reference §4.3, §4.4, §4.7):
 * retry and expiry timing, smart host, port, Outbound Security, Advanced Delivery, and the
 * per-remote-domain entries of the Domains node. Read fresh from the settings at every attempt,
 * so a change in IIS Manager applies to the next attempt.
 */
import { localDomainsOf, type IisSettings } from '../smtp/iisSettings';

export interface OutboundSecurity {
  /** Outbound Security: Anonymous (default), Basic, or Integrated Windows Authentication. */
  auth: 'anonymous' | 'basic' | 'integrated';
  user: string;
  password: string;
  /** "TLS encryption" check box. */
  tls: boolean;
}

/** A Remote domain of the Domains node (reference §4.7). */
export interface RemoteDomainRoute {
  /** `example.net`, or `*.example.net` for the domain and everything below it. */
  name: string;
  /** "Send HELO instead of EHLO". */
  useHelo: boolean;
  /** "Forward all mail to smart host" (name or `[IP]`); '' = "Use DNS to route to this domain". */
  smartHost: string;
  /** The domain's own Outbound Security; null = the virtual server's. */
  security: OutboundSecurity | null;
}

export interface OutboundConfig {
  fqdn: string;
  /** The "Local (Default)" domain: DSNs come from postmaster@ it (reference §7.2). */
  defaultDomain: string;
  localDomains: string[];
  retryMinutes: readonly [number, number, number, number];
  delayNotificationMin: number;
  expirationMin: number;
  smartHost: string;
  attemptDirectFirst: boolean;
  outboundPort: number;
  security: OutboundSecurity;
  maxHopCount: number;
  masqueradeDomain: string;
  /** "Limit number of messages per connection to" (20); null = unlimited. */
  maxMessagesPerConnection: number | null;
  /** Messages tab: "Send copy of Non-Delivery Report to". */
  sendNdrTo: string;
  /** "Configure external DNS Servers…"; empty = the host's own DNS client settings. */
  dnsServers: string[];
  remoteDomains: RemoteDomainRoute[];
}

export function outboundConfig(s: IisSettings): OutboundConfig {
  return {
    fqdn: s.fqdn,
    defaultDomain: s.defaultLocalDomain,
    localDomains: localDomainsOf(s).map((d) => d.toLowerCase()),
    retryMinutes: s.retryMinutes,
    delayNotificationMin: s.delayNotificationMin,
    expirationMin: s.expirationMin,
    smartHost: s.smartHost.trim(),
    attemptDirectFirst: s.attemptDirectFirst,
    outboundPort: s.outboundPort,
    security: s.outboundSecurity,
    maxHopCount: s.maxHopCount,
    masqueradeDomain: s.masqueradeDomain.trim(),
    maxMessagesPerConnection: s.maxMessagesPerConnection,
    sendNdrTo: s.ndrCopyTo.trim(),
    dnsServers: s.externalDnsServers,
    remoteDomains: s.remoteDomains.map((d) => ({
      name: d.name.toLowerCase(),
      useHelo: d.sendHelo,
      smartHost: d.smartHost.trim(),
      // The domain's Outbound Security is modelled as its TLS box only; it adds to the server's.
      security: d.outboundTls ? { ...s.outboundSecurity, tls: true } : null,
    })),
  };
}

/** The Remote domain entry that applies to `domain` (an exact name wins over a `*.` entry). */
export function remoteDomainFor(cfg: OutboundConfig, domain: string): RemoteDomainRoute | null {
  const d = domain.toLowerCase();
  const exact = cfg.remoteDomains.find((r) => r.name === d);
  if (exact) return exact;
  const wild = cfg.remoteDomains
    .filter(
      (r) => r.name.startsWith('*.') && (d === r.name.slice(2) || d.endsWith(r.name.slice(1))),
    )
    .sort((a, b) => b.name.length - a.name.length);
  return wild[0] ?? null;
}

/** Retry delay after `failures` failed attempts: first, second, third, then subsequent (§4.4). */
export function retryDelayMs(cfg: OutboundConfig, failures: number): number {
  const i = Math.min(Math.max(failures, 1), 4) - 1;
  return (cfg.retryMinutes[i] as number) * 60_000;
}
