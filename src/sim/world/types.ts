/**
 * The world's public contract: the only way the UI, tests, CLI tools and benchmarks touch the
 * simulation. Everything here is plain, serialisable data.
 */

import type { IisSettings } from '../smtp/iisSettings';

export type Locale = 'ja' | 'en';

export type ServiceControl = 'start' | 'stop' | 'pause' | 'resume' | 'restart';

/** Actions a learner (or a test, or a scenario solution) can send to the world. */
export type WorldAction =
  /** One line typed into the console of a host (PowerShell or cmd, or an open telnet session). */
  | { type: 'console.line'; host: string; line: string }
  /** Tab in the console: complete the command name or the path being typed. */
  | { type: 'console.complete'; host: string; line: string }
  /** Ctrl+C / Ctrl+] in the console: leaves telnet or aborts the running command. */
  | { type: 'console.interrupt'; host: string }
  /** Change virtual-server settings of an IIS host (the IIS Manager dialogs send these). */
  | { type: 'config.set'; host: string; patch: Record<string, unknown> }
  /** Services console / IIS Manager: start, stop, pause, resume or restart a Windows service. */
  | { type: 'service.control'; host: string; service: string; control: ServiceControl }
  /** Services console: change a service's startup type (writes SCM event 7040). */
  | {
      type: 'service.config';
      host: string;
      service: string;
      startType: 'Automatic' | 'Manual' | 'Disabled';
    }
  /** Firewall console: enable or disable one rule (by its name or display name). */
  | { type: 'firewall.rule.set'; host: string; name: string; enabled: boolean }
  /** Firewall console: turn the host firewall on or off (all profiles). */
  | { type: 'firewall.state'; host: string; enabled: boolean }
  /** Advance the virtual clock by a duration (ms), firing every timer due on the way. */
  | { type: 'clock.advance'; ms: number }
  /** Jump to the next scheduled event (retry, traffic, timeout) and fire it. */
  | { type: 'clock.step' }
  /** Language of the simulated Windows (console output follows it; protocol text never does). */
  | { type: 'world.locale'; locale: Locale };

export interface ActionResult {
  ok: boolean;
  /** Console output lines produced by the action, if any. */
  output: string[];
  /** For console.complete: the line with the completion applied (unchanged if none). */
  completion?: string;
  /** Set when the action itself was malformed (unknown host, negative time...). */
  error?: string;
}

export interface QueueEntrySnapshot {
  fileName: string;
  from: string;
  to: string[];
  size: number;
  arrivedAt: number;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
}

export interface MailboxMessageSnapshot {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  receivedAt: number;
  size: number;
}

export interface FirewallRuleSnapshot {
  name: string;
  displayName: string;
  direction: 'in' | 'out';
  action: 'allow' | 'block';
  enabled: boolean;
  protocol: 'TCP' | 'UDP' | 'Any';
  localPort: string;
  remotePort: string;
  remoteAddress: string;
  /** Rule group (グループ), '' when none. */
  group: string;
  /** Profiles the rule applies to; the simulation applies every rule to all profiles. */
  profile: string;
}

export interface HostSnapshot {
  name: string;
  fqdn: string;
  ips: string[];
  role: 'iis' | 'app' | 'receiver' | 'dns' | 'client' | 'web';
  firewall: { enabled: boolean; rules: FirewallRuleSnapshot[] };
  services: {
    name: string;
    displayName: string;
    /** services.msc 説明 column, in the world's locale. */
    description: string;
    status: 'Running' | 'Stopped' | 'Paused';
    startType: 'Automatic' | 'Manual' | 'Disabled';
  }[];
}

export interface EventLogEntry {
  log: 'Application' | 'System';
  source: string;
  eventId: number;
  level: 'Information' | 'Warning' | 'Error';
  time: number;
  message: string;
}

export interface LogFileSnapshot {
  host: string;
  path: string;
  content: string;
}

export interface ConsoleSnapshot {
  host: string;
  /** What the prompt shows now: `PS C:\Users\Administrator> `, `C:\>` or '' inside telnet. */
  prompt: string;
  /** `program`: an interactive program's own prompt (nslookup's `> `). */
  mode: 'powershell' | 'cmd' | 'telnet' | 'program';
  /** Every line printed so far, input echoed after its prompt. */
  transcript: string[];
  history: string[];
}

export interface WorldSnapshot {
  /** Virtual time, ms since the Unix epoch (UTC). */
  now: number;
  /** Time of the next scheduled event, or null when nothing is pending. */
  nextEventAt: number | null;
  /** Time zone of the Windows hosts (minutes east of UTC): screens show local time, W3C logs UTC. */
  utcOffsetMinutes: number;
  locale: Locale;
  /** Increments on every change; cheap equality for UIs. */
  version: number;
  hosts: HostSnapshot[];
  /** Queue folder of every IIS host, keyed by host name. */
  queues: Record<string, QueueEntrySnapshot[]>;
  /** Mail delivered to remote mailboxes and to IIS Drop folders, keyed by address or `HOST:Drop`. */
  mailboxes: Record<string, MailboxMessageSnapshot[]>;
  events: Record<string, EventLogEntry[]>;
  consoles: Record<string, ConsoleSnapshot>;
  /** Settings of every IIS SMTP virtual server, keyed by host (what IIS Manager shows). */
  iis: Record<string, IisSettings>;
}
