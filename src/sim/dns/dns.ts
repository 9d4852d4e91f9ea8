/**
 * DNS of the world: the zones (A, MX, PTR, TXT records), names whose zone is broken, and the DNS
 * servers hosts ask. A host resolves through its own server (HostSpec.dns), so a server that is
 * down, answers SERVFAIL or resets TCP queries (KB 263237) fails only for the hosts that use it;
 * a broken name fails for everyone (reference §1.10, §3.8, §8.3).
 */
import type { DnsFailure, DnsRecord, HostSpec } from '../scenario/schema';

export type DnsFailureKind = 'nxdomain' | 'nodata' | 'servfail' | 'timeout' | 'refused';

export type DnsAnswer<T> =
  | { kind: 'answer'; records: T[] }
  /** The name does not exist (authoritative). */
  | { kind: 'nxdomain' }
  /** The name exists but has no record of this type. */
  | { kind: 'nodata' }
  | { kind: 'servfail' }
  /** No answer from the server (server down, or the zone's servers do not answer). */
  | { kind: 'timeout' }
  /** The server reset the TCP connection of a TCP query. */
  | { kind: 'refused' };

export type QueryType = 'A' | 'MX' | 'PTR' | 'TXT';

export interface MxRecord {
  name: string;
  exchange: string;
  preference: number;
  ttl: number;
}
export interface ARecord {
  name: string;
  ip: string;
  ttl: number;
}
export interface PtrRecord {
  name: string;
  host: string;
  ttl: number;
}
export interface TxtRecord {
  name: string;
  text: string;
  ttl: number;
}

/** How one DNS server behaves (a host with `dnsServer` settings). */
export interface DnsServerState {
  ip: string;
  fqdn: string;
  down: boolean;
  servfail: boolean;
  refusesTcp: boolean;
}

export interface QueryOptions {
  /** Query over TCP (IIS SMTP does, reference §3.8; `nslookup -vc` does). */
  tcp?: boolean;
}

/** `203.0.113.5` → `5.113.0.203.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** The address a PTR query is about: an IPv4 address as typed, or `5.113.0.203.in-addr.arpa` turned back. */
export function ptrAddress(name: string): string {
  return /^\d+\.\d+\.\d+\.\d+$/.test(name)
    ? name
    : name
        .replace(/\.in-addr\.arpa\.?$/i, '')
        .split('.')
        .reverse()
        .join('.');
}

const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Every host of a world spec that acts as a DNS server, by address. */
export function dnsServersOf(hosts: Record<string, HostSpec>): Map<string, DnsServerState> {
  const out = new Map<string, DnsServerState>();
  for (const h of Object.values(hosts)) {
    if (h.role !== 'dns' && !h.dnsServer) continue;
    for (const ip of h.ips)
      out.set(ip, {
        ip,
        fqdn: h.fqdn,
        down: h.dnsServer?.down ?? false,
        servfail: h.dnsServer?.servfail ?? false,
        refusesTcp: h.dnsServer?.refusesTcp ?? false,
      });
  }
  return out;
}

/** The world's zones. Its own methods answer as an always-working Internet resolver would. */
export class Dns {
  #failures: DnsFailure[];

  /** `records` stays a plain array: DNS-server commands in the console add and remove records. */
  constructor(
    readonly records: DnsRecord[],
    failures: DnsFailure[] = [],
    readonly servers: Map<string, DnsServerState> = new Map(),
  ) {
    this.#failures = failures.map((f) => ({ ...f, name: norm(f.name) }));
  }

  /** A name exists when it or a name below it has records (RFC 8020: empty non-terminals exist). */
  #exists(n: string): boolean {
    return this.records.some((r) => {
      const name = norm(r.name);
      return name === n || name.endsWith(`.${n}`);
    });
  }

  /** A resolver that asks the DNS server at `serverIp` (undefined: the Internet's public resolvers). */
  via(serverIp: string | undefined): Resolver {
    if (serverIp === undefined) return new Resolver(this, null, false);
    const server = this.servers.get(serverIp) ?? null;
    // A configured address where no DNS server runs never answers.
    return new Resolver(this, server, server === null);
  }

  /** The Windows DNS client with several servers: the first one that answers at all is used. */
  viaAny(serverIps: string[]): Resolver {
    const resolvers = serverIps.map((ip) => this.via(ip));
    return (
      resolvers.find((r) => r.serverFailure() !== 'timeout') ?? resolvers[0] ?? this.via(undefined)
    );
  }

  failureFor(name: string, type: QueryType): DnsFailure['error'] | null {
    if (this.#failures.length === 0) return null;
    const n = norm(name);
    const f = this.#failures.find((x) => x.name === n && (x.query === 'ANY' || x.query === type));
    return f ? f.error : null;
  }

  #lookup<T>(name: string, type: QueryType, map: (r: DnsRecord) => T | null): DnsAnswer<T> {
    const failure = this.failureFor(name, type);
    if (failure) return { kind: failure };
    const n = norm(name);
    const found: T[] = [];
    for (const r of this.records) {
      if (r.type !== type || norm(r.name) !== n) continue;
      const v = map(r);
      if (v !== null) found.push(v);
    }
    if (found.length > 0) return { kind: 'answer', records: found };
    return this.#exists(n) ? { kind: 'nodata' } : { kind: 'nxdomain' };
  }

  a(name: string): DnsAnswer<ARecord> {
    if (IPV4.test(name)) return { kind: 'answer', records: [{ name, ip: name, ttl: 0 }] };
    return this.#lookup(name, 'A', (r) =>
      r.type === 'A' ? { name: r.name, ip: r.value, ttl: r.ttl } : null,
    );
  }

  /** MX records sorted by preference (RFC 5321 §5.1). */
  mx(name: string): DnsAnswer<MxRecord> {
    const r = this.#lookup(name, 'MX', (x) =>
      x.type === 'MX'
        ? { name: x.name, exchange: x.value, preference: x.preference, ttl: x.ttl }
        : null,
    );
    if (r.kind === 'answer') r.records.sort((x, y) => x.preference - y.preference);
    return r;
  }

  ptr(ip: string): DnsAnswer<PtrRecord> {
    const failure = this.failureFor(ip, 'PTR') ?? this.failureFor(reverseName(ip), 'PTR');
    if (failure) return { kind: failure };
    const found = this.records
      .filter((r) => r.type === 'PTR' && norm(r.name) === norm(ip))
      .map((r) => ({ name: reverseName(ip), host: r.value, ttl: r.ttl }));
    return found.length > 0 ? { kind: 'answer', records: found } : { kind: 'nxdomain' };
  }

  txt(name: string): DnsAnswer<TxtRecord> {
    return this.#lookup(name, 'TXT', (r) =>
      r.type === 'TXT' ? { name: r.name, text: r.value, ttl: r.ttl } : null,
    );
  }
}

/**
 * One host's view of DNS: its server's own failures first (down → timeout, broken recursion →
 * SERVFAIL, TCP reset → refused), then the zones' answers.
 */
export class Resolver {
  constructor(
    private readonly dns: Dns,
    readonly server: DnsServerState | null,
    /** The configured server address has no DNS server behind it. */
    readonly missing: boolean,
  ) {}

  /** Why this server cannot answer at all, or null when it works. */
  serverFailure(opts: QueryOptions = {}): 'timeout' | 'servfail' | 'refused' | null {
    if (this.missing) return 'timeout';
    const s = this.server;
    if (!s) return null;
    if (s.down) return 'timeout';
    if (opts.tcp && s.refusesTcp) return 'refused';
    if (s.servfail) return 'servfail';
    return null;
  }

  #ask<T>(opts: QueryOptions, answer: () => DnsAnswer<T>): DnsAnswer<T> {
    const failure = this.serverFailure(opts);
    return failure ? { kind: failure } : answer();
  }

  a(name: string, opts: QueryOptions = {}): DnsAnswer<ARecord> {
    // An address literal needs no query.
    if (IPV4.test(name)) return this.dns.a(name);
    return this.#ask(opts, () => this.dns.a(name));
  }
  mx(name: string, opts: QueryOptions = {}): DnsAnswer<MxRecord> {
    return this.#ask(opts, () => this.dns.mx(name));
  }
  ptr(ip: string, opts: QueryOptions = {}): DnsAnswer<PtrRecord> {
    return this.#ask(opts, () => this.dns.ptr(ip));
  }
  txt(name: string, opts: QueryOptions = {}): DnsAnswer<TxtRecord> {
    return this.#ask(opts, () => this.dns.txt(name));
  }
}
