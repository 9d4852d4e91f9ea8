/**
 * Where IIS sends mail for a remote domain (reference §1.10, §3.8, §4.4, §4.7): the domain's own
 * smart-host route, else the virtual server's smart host (optionally after trying direct
 * delivery), else DNS: MX records by preference, the domain's A record when it has no MX
 * (RFC 5321 §5.1), nothing at all for a null MX (RFC 7505). IIS queries its DNS server over TCP.
 */
import type { Dns, Resolver } from '../dns/dns';
import type { SmtpReason } from '../logs/eventLog';
import { remoteDomainFor, type OutboundConfig, type OutboundSecurity } from './outbound';

export interface NextHop {
  name: string;
  /** Known address (`[IP]` smart host, or an address literal); null = look up the A record. */
  ip: string | null;
  /** A smart host named by DNS name: failing to resolve it is permanent (KB 276347). */
  smartHost: boolean;
}

export type RouteFailure = { permanent: boolean; reason: SmtpReason; status: string };

export interface RoutePlan {
  hops: NextHop[];
  /** Set when no host could be found for the domain at all. */
  failure: RouteFailure | null;
  /** Tried in the same attempt when this plan fails ("Attempt direct delivery first"). */
  fallback: RoutePlan | null;
  useHelo: boolean;
  security: OutboundSecurity;
}

/** `[192.0.2.10]` → its address (brackets skip DNS, KB 303734); a bare address literal too. */
export function smartHostHop(smartHost: string): NextHop {
  const literal =
    /^\[(\d{1,3}(?:\.\d{1,3}){3})\]$/.exec(smartHost) ??
    /^(\d{1,3}(?:\.\d{1,3}){3})$/.exec(smartHost);
  return literal
    ? { name: smartHost, ip: literal[1] as string, smartHost: true }
    : { name: smartHost, ip: null, smartHost: true };
}

/** MX (or implicit MX) hosts of a domain, or why there are none. */
export function directHops(
  resolver: Resolver,
  domain: string,
): { hops: NextHop[]; failure: RouteFailure | null } {
  const mx = resolver.mx(domain, { tcp: true });
  switch (mx.kind) {
    case 'answer': {
      // RFC 7505 §3: a single `0 .` record says the domain accepts no mail.
      const real = mx.records.filter((r) => r.exchange !== '.' && r.exchange !== '');
      if (real.length === 0)
        return { hops: [], failure: { permanent: true, reason: 'unreachable', status: '5.1.10' } };
      return {
        hops: real.map((r) => ({ name: r.exchange, ip: null, smartHost: false })),
        failure: null,
      };
    }
    case 'nodata':
      return { hops: [{ name: domain, ip: null, smartHost: false }], failure: null };
    case 'nxdomain':
      // Observed IIS DSNs carry 5.0.0 for a domain that does not exist (reference §7.1).
      return { hops: [], failure: { permanent: true, reason: 'noSuchDomain', status: '5.0.0' } };
    case 'timeout':
      return {
        hops: [],
        failure: {
          permanent: false,
          reason:
            resolver.serverFailure({ tcp: true }) === 'timeout' ? 'noDnsServer' : 'dnsInternal',
          status: '4.4.3',
        },
      };
    default:
      // SERVFAIL, or a DNS server that resets TCP queries (KB 263237: 0xC00402E7).
      return { hops: [], failure: { permanent: false, reason: 'dnsInternal', status: '4.4.3' } };
  }
}

/** IIS asks its external DNS servers when set (Delivery › Advanced), else the host's own. */
export function outboundResolver(
  dns: Dns,
  hostDns: string | undefined,
  cfg: OutboundConfig,
): Resolver {
  return cfg.dnsServers.length > 0 ? dns.viaAny(cfg.dnsServers) : dns.via(hostDns);
}

export function planRoute(resolver: Resolver, cfg: OutboundConfig, domain: string): RoutePlan {
  const entry = remoteDomainFor(cfg, domain);
  const base = {
    useHelo: entry?.useHelo ?? false,
    security: entry?.security ?? cfg.security,
    fallback: null,
  };
  const viaSmartHost = (name: string): RoutePlan => ({
    ...base,
    hops: [smartHostHop(name)],
    failure: null,
  });
  // A remote domain's own route overrides the virtual server's smart host (KB 303734).
  if (entry?.smartHost) return viaSmartHost(entry.smartHost);
  const direct = (): RoutePlan => ({ ...base, ...directHops(resolver, domain) });
  if (cfg.smartHost)
    return cfg.attemptDirectFirst
      ? { ...direct(), fallback: viaSmartHost(cfg.smartHost) }
      : viaSmartHost(cfg.smartHost);
  return direct();
}
