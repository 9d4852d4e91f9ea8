/**
 * What the world's parts share: the clock, the seeded random source, the network, DNS and the
 * hosts. Parts get this instead of the whole world so their dependencies stay visible.
 */
import type { VirtualClock } from '../clock/virtualClock';
import type { SeededRandom } from '../clock/random';
import type { Network, ConnectOutcome } from '../net/network';
import type { Dns } from '../dns/dns';
import type { SmtpConnection } from '../smtp/connection';
import type { HostRuntime } from './host';
import type { EventLogEntry, Locale } from './types';

export type OpenResult =
  | { kind: 'open'; conn: SmtpConnection; outcome: Extract<ConnectOutcome, { kind: 'connected' }> }
  | Exclude<ConnectOutcome, { kind: 'connected' }>;

export interface WorldContext {
  clock: VirtualClock;
  rng: SeededRandom;
  net: Network;
  dns: Dns;
  hosts: Map<string, HostRuntime>;
  locale(): Locale;
  utcOffsetMinutes: number;
  dnsServerName: string;
  /** Connect from a host to ip:port and, if an SMTP server answers, open a session. */
  openSmtp(from: HostRuntime, ip: string, port: number): OpenResult;
  addEvent(host: HostRuntime, entry: EventLogEntry): void;
  /** Record that something changed (snapshot version bump). */
  changed(): void;
}
