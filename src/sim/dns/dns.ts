/** DNS zones of the world and the answers a resolver gets (reference §8.3). */
import type { DnsRecord } from '../scenario/schema';

export type DnsAnswer<T> =
  | { kind: 'answer'; records: T[] }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'servfail' }
  | { kind: 'timeout' };

export interface MxRecord {
  name: string;
  exchange: string;
  preference: number;
  ttl: number;
}

/** `203.0.113.5` → `5.113.0.203.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

export class Dns {
  constructor(readonly records: DnsRecord[]) {}

  #exists(name: string): boolean {
    const n = name.toLowerCase().replace(/\.$/, '');
    return this.records.some((r) => r.name.toLowerCase() === n || r.name.toLowerCase().endsWith('.' + n));
  }

  #find<T extends DnsRecord['type']>(name: string, type: T): Extract<DnsRecord, { type: T }>[] {
    const n = name.toLowerCase().replace(/\.$/, '');
    return this.records.filter(
      (r): r is Extract<DnsRecord, { type: T }> => r.type === type && r.name.toLowerCase() === n,
    );
  }

  #answer<T>(name: string, found: T[]): DnsAnswer<T> {
    if (found.length > 0) return { kind: 'answer', records: found };
    return this.#exists(name) ? { kind: 'nodata' } : { kind: 'nxdomain' };
  }

  a(name: string): DnsAnswer<{ name: string; ip: string; ttl: number }> {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { kind: 'answer', records: [{ name, ip: name, ttl: 0 }] };
    return this.#answer(name, this.#find(name, 'A').map((r) => ({ name: r.name, ip: r.value, ttl: r.ttl })));
  }

  mx(name: string): DnsAnswer<MxRecord> {
    const found = this.#find(name, 'MX')
      .map((r) => ({ name: r.name, exchange: r.value, preference: r.preference, ttl: r.ttl }))
      .sort((x, y) => x.preference - y.preference);
    return this.#answer(name, found);
  }

  ptr(ip: string): DnsAnswer<{ name: string; host: string; ttl: number }> {
    const found = this.#find(ip, 'PTR').map((r) => ({ name: reverseName(ip), host: r.value, ttl: r.ttl }));
    return found.length > 0 ? { kind: 'answer', records: found } : { kind: 'nxdomain' };
  }

  txt(name: string): DnsAnswer<{ name: string; text: string; ttl: number }> {
    return this.#answer(name, this.#find(name, 'TXT').map((r) => ({ name: r.name, text: r.value, ttl: r.ttl })));
  }
}
