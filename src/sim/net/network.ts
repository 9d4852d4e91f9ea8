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
  | { kind: 'timedOut'; blockedBy: 'source-firewall' | 'perimeter' | 'isp' | 'destination-firewall' }
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
    if (!firewallAllows(from.firewall, 'out', port, toIp)) return { kind: 'timedOut', blockedBy: 'source-firewall' };
    const sourceIp = this.sourceIpFor(from, toIp);
    for (const rule of this.perimeter) {
      if (rule.port === port && from.ips.some((ip) => ipMatches(ip, rule.from)) && ipMatches(toIp, rule.to)) {
        if (rule.action === 'block') return { kind: 'timedOut', blockedBy: rule.owner };
      }
    }
    if (!dest) return { kind: 'unreachable' };
    if (!firewallAllows(dest.firewall, 'in', port, sourceIp)) return { kind: 'timedOut', blockedBy: 'destination-firewall' };
    const localIp = dest.ips.includes(toIp) ? toIp : (dest.ips[0] ?? toIp);
    return dest.listening(port, localIp)
      ? { kind: 'connected', host: dest, localIp, sourceIp }
      : { kind: 'refused', host: dest };
  }

  /** ICMP echo: firewalls in the path drop it when they block everything to the host. */
  ping(from: NetHost, toIp: string): boolean {
    const dest = this.#byIp.get(toIp);
    if (!dest) return false;
    if (from === dest) return true;
    return dest.answersPing;
  }
}

function sameSubnet(a: string, b: string): boolean {
  return a.split('.').slice(0, 3).join('.') === b.split('.').slice(0, 3).join('.');
}
