/** A host at run time: its spec, files, services, firewall, event log and listeners. */
import { VirtualFs } from '../fs/virtualFs';
import type { FirewallState, NetHost } from '../net/network';
import type { HostSpec } from '../scenario/schema';
import type { EventLogEntry } from './types';

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
    for (const [name, s] of Object.entries(spec.services ?? {})) {
      this.services.set(name.toUpperCase(), {
        name: name.toUpperCase(),
        displayName: SERVICE_DISPLAY_NAMES[name.toUpperCase()] ?? name,
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
}
