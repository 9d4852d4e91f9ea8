/** A host at run time: its spec, files, services, firewall, event log and listeners. */
import { VirtualFs } from '../fs/virtualFs';
import type { FirewallState, NetHost } from '../net/network';
import type { HostSpec } from '../scenario/schema';
import type { EventLogEntry } from './types';
import { programByService } from './programs';

export interface ServiceState {
  name: string;
  displayName: string;
  status: 'Running' | 'Stopped' | 'Paused';
  startType: 'Automatic' | 'Manual' | 'Disabled';
}

/** Windows services a host can have, with their display names (reference §4.0, ja-terms §2.2). */
export const SERVICE_DISPLAY_NAMES: Record<string, string> = {
  SMTPSVC: 'Simple Mail Transfer Protocol (SMTP)',
  IISADMIN: 'IIS Admin Service',
  W3SVC: 'World Wide Web Publishing Service',
};

const MB = 1024 * 1024;
/** C: of a host whose spec says nothing: 60 GB with the free space `dir` has always shown. */
const DEFAULT_DISK_BYTES = 64_422_408_192;
const DEFAULT_FREE_BYTES = 41_234_567_168;

export class HostRuntime implements NetHost {
  readonly fs = new VirtualFs();
  readonly events: EventLogEntry[] = [];
  readonly services = new Map<string, ServiceState>();
  readonly firewall: FirewallState;
  readonly ips: string[];
  readonly publicIp: string | undefined;
  readonly answersPing: boolean;
  /** Ports answered by something other than an SMTP server (web server on 443...). */
  readonly extraPorts: Set<number>;
  /** Set by the world when this host runs an SMTP server. */
  smtpListening: (port: number, localIp: string) => boolean = () => false;
  /** Set by a mail program installed on this host (hMailServer): does it hold the port now? */
  programListening: (port: number) => boolean = () => false;

  constructor(
    readonly name: string,
    readonly spec: HostSpec,
  ) {
    this.ips = spec.ips;
    this.publicIp = spec.publicIp;
    this.answersPing = spec.answersPing;
    this.firewall = {
      // Windows hosts have Windows Defender Firewall on; the Internet's servers are modelled open.
      enabled: spec.firewall?.enabled ?? ['iis', 'app', 'client', 'dns'].includes(spec.role),
      rules: structuredClone(spec.firewall?.rules ?? []),
    };
    this.extraPorts = new Set(spec.listens ?? []);
    for (const f of spec.files ?? [])
      this.fs.writeFile(f.path, f.text, Date.parse(f.modified), Math.round(f.sizeMb * MB));
    for (const [name, s] of Object.entries(spec.services ?? {})) {
      // Windows' own services are named in capitals; a program's service keeps its spelling.
      const known = SERVICE_DISPLAY_NAMES[name.toUpperCase()];
      this.services.set(name.toUpperCase(), {
        name: known ? name.toUpperCase() : name,
        displayName: known ?? programByService(name)?.displayName ?? name,
        status: s.status,
        startType: s.startType,
      });
    }
  }

  get fqdn(): string {
    return this.spec.fqdn;
  }

  get role(): HostSpec['role'] {
    return this.spec.role;
  }

  listening(port: number, localIp: string): boolean {
    return this.extraPorts.has(port) || this.smtpListening(port, localIp);
  }

  service(name: string): ServiceState | undefined {
    return this.services.get(name.toUpperCase());
  }

  /**
   * Free bytes on C: — the spec's free space at the start plus what deleting its large `files` gave
   * back (other writes are too small to count). A host without a disk spec has plenty.
   */
  freeBytes(): number {
    const disk = this.spec.disk;
    if (!disk) return DEFAULT_FREE_BYTES;
    let freed = 0;
    for (const f of this.spec.files ?? []) if (!this.fs.readFile(f.path)) freed += f.sizeMb * MB;
    return Math.round(disk.freeMb * MB + freed);
  }

  /** Size of C: in bytes. */
  diskBytes(): number {
    return this.spec.disk ? this.spec.disk.sizeMb * MB : DEFAULT_DISK_BYTES;
  }
}
