/**
 * The IIS SMTP virtual server's configuration with the defaults of a fresh install (reference §4),
 * one group per tab of the Properties dialog. The IIS Manager dialogs edit this (configPatch.ts);
 * `toSessionConfig` maps it to the protocol engine; the queue and delivery read the Delivery group.
 */
import type { SessionConfig } from './policy';

export const W3C_FIELDS = [
  'date',
  'time',
  'c-ip',
  'cs-username',
  's-sitename',
  's-computername',
  's-ip',
  's-port',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  'sc-status',
  'sc-win32-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  'cs-version',
  'cs-host',
  'cs(User-Agent)',
  'cs(Cookie)',
  'cs(Referer)',
] as const;
export type W3cField = (typeof W3C_FIELDS)[number];

/** Metabase default LogExtFileFlags: Time, Client IP, Method, URI Stem, Protocol Status (§5.3). */
export const DEFAULT_W3C_FIELDS: W3cField[] = [
  'time',
  'c-ip',
  'cs-method',
  'cs-uri-stem',
  'sc-status',
];

export const LOG_FORMATS = ['w3c', 'iis', 'ncsa', 'odbc'] as const;
/** Logging Properties › "New log schedule" (LogFilePeriod 4, 1, 2, 3, 0 + unlimited, 0 + size). */
export const LOG_SCHEDULES = ['hourly', 'daily', 'weekly', 'monthly', 'unlimited', 'size'] as const;

export interface LoggingSettings {
  /** "Enable logging": off by default on Server 2008 and later (§4.1). */
  enabled: boolean;
  /** "Active log format": W3C Extended by default. Only W3C is rendered by the simulator. */
  format: (typeof LOG_FORMATS)[number];
  schedule: (typeof LOG_SCHEDULES)[number];
  /** "When file size reaches (MB)", used by the `size` schedule (LogFileTruncateSize 20480000). */
  maxSizeMb: number;
  /** "Use local time for file naming and rollover" (timestamps inside stay UTC). */
  localTimeNaming: boolean;
  /** Advanced tab: the extended properties logged. */
  fields: W3cField[];
}

/** A computer list of the Access tab: IPs, subnets (`10.0.0.0/24`) and domains (reverse DNS). */
export interface ComputerListSettings {
  mode: 'onlyList' | 'allExceptList';
  list: string[];
  domains: string[];
}

/** A remote domain of the Domains node (§4.7). */
export interface RemoteDomainSettings {
  name: string;
  /** "Allow incoming mail to be relayed to this domain" (`*.example.com` covers subdomains). */
  allowRelay: boolean;
  /** Route domain › "Forward all mail to smart host"; '' = "Use DNS to route to this domain". */
  smartHost: string;
  /** Outbound Security › "TLS encryption" for this domain: no TLS offered → NDR (KB 303668). */
  outboundTls: boolean;
  /** "Send HELO instead of EHLO". */
  sendHelo: boolean;
}

export interface IisSettings {
  // Identity (not on a tab: the computer and its build)
  /** Delivery › Advanced › "Fully-qualified domain name" (defaults to the computer's DNS name). */
  fqdn: string;
  computerName: string;
  version: string;
  utcOffsetMinutes: number;
  /** Windows accounts of the host that Basic and Integrated authentication check. */
  windowsAccounts: { user: string; password: string }[];

  // General tab (§4.1)
  displayName: string;
  /** Advanced… identities: `ip` '' = (All Unassigned). */
  bindings: { ip: string; port: number }[];
  /** "Limit number of connections to"; null = unchecked (no limit). */
  maxConnections: number | null;
  connectionTimeoutMin: number;
  logging: LoggingSettings;

  // Access tab (§4.2, §3.5, §3.6)
  auth: {
    anonymous: boolean;
    basic: boolean;
    basicRequiresTls: boolean;
    defaultDomain: string;
    integrated: boolean;
  };
  /** Certificate installed; "Require TLS encryption" (available only with a certificate). */
  tls: { certificate: boolean; required: boolean };
  connectionControl: ComputerListSettings;
  relay: ComputerListSettings & { allowAuthenticated: boolean };

  // Messages tab (§4.3); KB and counts, null = check box unticked
  maxMessageKb: number | null;
  maxSessionKb: number | null;
  /** Outbound only: after this many messages IIS opens another connection (§3.8). */
  maxMessagesPerConnection: number | null;
  maxRecipients: number | null;
  /** "Send copy of Non-Delivery Report to"; '' = nobody. */
  ndrCopyTo: string;
  badmailDirectory: string;

  // Delivery tab (§4.4): remote delivery, then local
  /** First, second, third and subsequent retry intervals in minutes. */
  retryMinutes: [number, number, number, number];
  delayNotificationMin: number;
  expirationMin: number;
  localDelayNotificationMin: number;
  localExpirationMin: number;
  /** Outbound Security…: how IIS authenticates to the next hop, and whether it requires TLS. */
  outboundSecurity: {
    auth: 'anonymous' | 'basic' | 'integrated';
    user: string;
    password: string;
    tls: boolean;
  };
  /** Outbound connections…: limits (null = unticked) and time-out; the TCP port is `outboundPort`. */
  outboundConnections: { limit: number | null; timeoutMin: number; perDomainLimit: number | null };
  outboundPort: number;
  /** Advanced…: `Received:` headers counted; more → NDR. */
  maxHopCount: number;
  /** Replaces the local domain in MAIL FROM on the first hop; '' = none. */
  masqueradeDomain: string;
  /** Name or `[IP]`; '' = none. */
  smartHost: string;
  attemptDirectFirst: boolean;
  /** Marks `RDNS failed` in Received: when the client's PTR does not match its HELO (§3.7). */
  reverseDnsLookup: boolean;
  /** "Configure external DNS Servers…"; empty = the Windows DNS client's servers. */
  externalDnsServers: string[];

  // Domains node (§4.7)
  /** The "Local (Default)" domain: created with the FQDN's name at install. */
  defaultLocalDomain: string;
  /** Alias domains (more local names, same Drop folder). */
  localDomains: string[];
  remoteDomains: RemoteDomainSettings[];
}

export function defaultIisSettings(
  fqdn: string,
  computerName: string,
  utcOffsetMinutes: number,
): IisSettings {
  return {
    fqdn,
    computerName,
    version: '10.0.17763.1697',
    utcOffsetMinutes,
    windowsAccounts: [],
    displayName: '[SMTP Virtual Server #1]',
    bindings: [{ ip: '', port: 25 }],
    maxConnections: null,
    connectionTimeoutMin: 10,
    logging: {
      enabled: false,
      format: 'w3c',
      schedule: 'daily',
      maxSizeMb: 20,
      localTimeNaming: false,
      fields: [...DEFAULT_W3C_FIELDS],
    },
    auth: {
      anonymous: true,
      basic: false,
      basicRequiresTls: false,
      defaultDomain: '',
      integrated: false,
    },
    tls: { certificate: false, required: false },
    connectionControl: { mode: 'allExceptList', list: [], domains: [] },
    relay: { mode: 'onlyList', list: [], domains: [], allowAuthenticated: true },
    maxMessageKb: 2048,
    maxSessionKb: 10240,
    maxMessagesPerConnection: 20,
    maxRecipients: 100,
    ndrCopyTo: '',
    badmailDirectory: 'C:\\Inetpub\\mailroot\\Badmail',
    retryMinutes: [15, 30, 60, 240],
    delayNotificationMin: 720,
    expirationMin: 2880,
    localDelayNotificationMin: 720,
    localExpirationMin: 2880,
    outboundSecurity: { auth: 'anonymous', user: '', password: '', tls: false },
    outboundConnections: { limit: 1000, timeoutMin: 10, perDomainLimit: 100 },
    outboundPort: 25,
    maxHopCount: 15,
    masqueradeDomain: '',
    smartHost: '',
    attemptDirectFirst: false,
    reverseDnsLookup: false,
    externalDnsServers: [],
    defaultLocalDomain: fqdn,
    localDomains: [],
    remoteDomains: [],
  };
}

/** Settings given as a partial tree (scenario YAML): objects merge one level deep, the rest replaces. */
export type IisSettingsPatch = {
  [K in keyof IisSettings]?: IisSettings[K] extends unknown[]
    ? IisSettings[K]
    : IisSettings[K] extends object | null
      ? Partial<NonNullable<IisSettings[K]>> | IisSettings[K]
      : IisSettings[K];
};

export function mergeSettings(base: IisSettings, patch: IisSettingsPatch): IisSettings {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    out[key] =
      isPlainObject(value) && isPlainObject(current)
        ? { ...(current as object), ...(value as object) }
        : structuredClone(value);
  }
  return out as unknown as IisSettings;
}

/** Rules the dialogs enforce across fields; null when the settings hang together. */
export function settingsProblem(s: IisSettings): string | null {
  if (s.maxMessageKb !== null && s.maxSessionKb !== null && s.maxSessionKb < s.maxMessageKb)
    return 'maxSessionKb: the session size limit must not be smaller than the message size limit';
  if (s.tls.required && !s.tls.certificate)
    return 'tls.required: TLS can be required only when a certificate is installed';
  if (s.auth.basicRequiresTls && !s.tls.certificate)
    return 'auth.basicRequiresTls: TLS can be required only when a certificate is installed';
  if (s.bindings.length === 0) return 'bindings: a virtual server needs at least one identity';
  return null;
}

/** All local names: the default domain and the alias domains. */
export function localDomainsOf(s: IisSettings): string[] {
  return [s.defaultLocalDomain, ...s.localDomains];
}

export function toSessionConfig(s: IisSettings): SessionConfig {
  return {
    fqdn: s.fqdn,
    computerName: s.computerName,
    version: s.version,
    utcOffsetMinutes: s.utcOffsetMinutes,
    localDomains: localDomainsOf(s),
    defaultDomain: s.defaultLocalDomain,
    mailboxes: null,
    relay: {
      mode: s.relay.mode,
      list: [...s.relay.list],
      domains: [...s.relay.domains],
      allowAuthenticated: s.relay.allowAuthenticated,
      relayDomains: s.remoteDomains.filter((d) => d.allowRelay).map((d) => d.name),
    },
    maxMessageBytes: s.maxMessageKb === null ? null : s.maxMessageKb * 1024,
    maxRecipients: s.maxRecipients,
    maxSessionBytes: s.maxSessionKb === null ? null : s.maxSessionKb * 1024,
    connectionTimeoutMs: s.connectionTimeoutMin * 60_000,
    auth: { ...s.auth, accounts: s.windowsAccounts.map((a) => ({ ...a })) },
    tls: { ...s.tls },
    connectionControl: {
      mode: s.connectionControl.mode,
      list: [...s.connectionControl.list],
      domains: [...s.connectionControl.domains],
    },
    reverseDnsLookup: s.reverseDnsLookup,
  };
}

/** Retry delay after `attempts` failed attempts (15, 30, 60, then 240 minutes each). */
export function retryDelayMs(s: IisSettings, attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), 4) - 1;
  return (s.retryMinutes[i] as number) * 60_000;
}
