/**
 * The network between hosts: host firewalls, perimeter and ISP policies, listeners.
 * A connection attempt ends connected, refused, timed out or unreachable, each for a reason
 * that tests and debriefs can name (reference §9.7: a blocked port times out; a closed one refuses).
 */
import { ipMatches } from '../smtp/policy';
import type { FirewallRuleSpec, PerimeterRule } from '../scenario/schema';

export interface FirewallState {
  enabled: boolean;
  rules: FirewallRuleSpec[];
}

export interface NetHost {
  name: string;
  ips: string[];
  publicIp: string | undefined;
  firewall: FirewallState;
  answersPing: boolean;
  /** Is something listening on this local port right now? */
  listening(port: number, localIp: string): boolean;
}

export type ConnectOutcome =
  | { kind: 'connected'; host: NetHost; localIp: string; sourceIp: string }
  | { kind: 'refused'; host: NetHost }
  | {
      kind: 'timedOut';
      blockedBy: 'source-firewall' | 'perimeter' | 'isp' | 'destination-firewall';
    }
  | { kind: 'unreachable' };

/** Virtual milliseconds a failed attempt takes (Windows gives up on a silent SYN after ~21 s). */
export const CONNECT_TIMEOUT_MS = 21_000;
export const CONNECT_REFUSED_MS = 1_000;

function portMatches(spec: string, port: number): boolean {
  if (spec === 'Any' || spec === '*') return true;
  return spec.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    return hi === undefined ? lo === port : lo !== undefined && port >= lo && port <= hi;
  });
}

function addressMatches(spec: string, ip: string): boolean {
  if (spec === 'Any' || spec === '*') return true;
  return spec.split(',').some((s) => ipMatches(ip, s.trim()));
}

/**
 * Windows Defender Firewall semantics: block rules win over allow rules; with no matching rule,
 * inbound is blocked and outbound allowed (the default profile).
 */
export function firewallAllows(
  fw: FirewallState,
  direction: 'in' | 'out',
  port: number,
  remoteIp: string,
): boolean {
  if (!fw.enabled) return true;
  const matching = fw.rules.filter(
    (r) =>
      r.enabled &&
      r.direction === direction &&
      (r.protocol === 'TCP' || r.protocol === 'Any') &&
      (direction === 'out' ? portMatches(r.remotePort, port) : portMatches(r.localPort, port)) &&
      addressMatches(r.remoteAddress, remoteIp),
  );
  if (matching.some((r) => r.action === 'block')) return false;
  if (matching.some((r) => r.action === 'allow')) return true;
  return direction === 'out';
}

export class Network {
  #byIp = new Map<string, NetHost>();

  constructor(
    hosts: NetHost[],
    readonly perimeter: PerimeterRule[],
  ) {
    for (const h of hosts) {
      for (const ip of h.ips) this.#byIp.set(ip, h);
      if (h.publicIp) this.#byIp.set(h.publicIp, h);
    }
  }

  hostByIp(ip: string): NetHost | undefined {
    return this.#byIp.get(ip);
  }

  /** The address `from` appears as when talking to `toIp` (public address across the Internet). */
  sourceIpFor(from: NetHost, toIp: string): string {
    const to = this.#byIp.get(toIp);
    const sameSite = to !== undefined && to.ips.some((ip) => sameSubnet(ip, from.ips[0] ?? ''));
    return sameSite || !from.publicIp ? (from.ips[0] ?? '') : from.publicIp;
  }

  connect(from: NetHost, toIp: string, port: number): ConnectOutcome {
    const dest = this.#byIp.get(toIp);
    if (from.ips.includes(toIp) || toIp === '127.0.0.1') {
      // Loopback never crosses a firewall.
      return from.listening(port, toIp)
        ? { kind: 'connected', host: from, localIp: toIp, sourceIp: toIp }
        : { kind: 'refused', host: from };
    }
    if (!firewallAllows(from.firewall, 'out', port, toIp))
      return { kind: 'timedOut', blockedBy: 'source-firewall' };
    const sourceIp = this.sourceIpFor(from, toIp);
    const blocked = this.perimeterBlock(from, toIp, port);
    if (blocked) return { kind: 'timedOut', blockedBy: blocked };
    if (!dest) return { kind: 'unreachable' };
    if (!firewallAllows(dest.firewall, 'in', port, sourceIp))
      return { kind: 'timedOut', blockedBy: 'destination-firewall' };
    const localIp = dest.ips.includes(toIp) ? toIp : (dest.ips[0] ?? toIp);
    return dest.listening(port, localIp)
      ? { kind: 'connected', host: dest, localIp, sourceIp }
      : { kind: 'refused', host: dest };
  }

  /**
   * Perimeter and ISP rules see traffic that leaves the site, from the host's private or public
   * (NAT) address. They are ordered access lists: the first rule that matches decides. A block
   * drops the SYN, so the client times out (reference §9.7), while other ports still pass.
   */
  perimeterBlock(from: NetHost, toIp: string, port: number): 'perimeter' | 'isp' | null {
    const dest = this.#byIp.get(toIp);
    if (dest && dest.ips.some((ip) => from.ips.some((own) => sameSubnet(ip, own)))) return null;
    const sources = from.publicIp ? [...from.ips, from.publicIp] : from.ips;
    for (const rule of this.perimeter) {
      if (
        rule.port !== port ||
        !ipMatches(toIp, rule.to) ||
        !sources.some((ip) => ipMatches(ip, rule.from))
      )
        continue;
      return rule.action === 'block' ? rule.owner : null;
    }
    return null;
  }

  /** ICMP echo: firewalls in the path drop it when they block everything to the host. */
  ping(from: NetHost, toIp: string): boolean {
    return this.pingStatus(from, toIp) === 'Success';
  }

  /**
   * The status Windows reports for an echo request: an address on the local subnet that nobody
   * answers ARP for is `DestinationHostUnreachable`; anything silent beyond the router `TimedOut`.
   */
  pingStatus(from: NetHost, toIp: string): 'Success' | 'TimedOut' | 'DestinationHostUnreachable' {
    // Loopback and the host's own addresses always answer.
    if (toIp.startsWith('127.') || from.ips.includes(toIp)) return 'Success';
    const dest = this.#byIp.get(toIp);
    if (!dest)
      return from.ips.some((ip) => sameSubnet(ip, toIp))
        ? 'DestinationHostUnreachable'
        : 'TimedOut';
    if (from === dest) return 'Success';
    return dest.answersPing ? 'Success' : 'TimedOut';
  }
}

function sameSubnet(a: string, b: string): boolean {
  return a.split('.').slice(0, 3).join('.') === b.split('.').slice(0, 3).join('.');
}
