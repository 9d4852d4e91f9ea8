/**
 * The IIS SMTP virtual server's configuration with the defaults of a fresh install
 * (reference §4). The IIS Manager dialogs edit this; `toSessionConfig` maps it to the engine.
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
export const DEFAULT_W3C_FIELDS: W3cField[] = ['time', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'];

export interface IisSettings {
  fqdn: string;
  computerName: string;
  version: string;
  utcOffsetMinutes: number;
  logging: { enabled: boolean; fields: W3cField[] };
  relay: { mode: 'onlyList' | 'allExceptList'; list: string[]; allowAuthenticated: boolean };
  /** KB; null = "Limit message size" unchecked. */
  maxMessageKb: number | null;
  maxRecipients: number | null;
  connectionTimeoutMin: number;
  /** First, second, third and subsequent retry intervals in minutes. */
  retryMinutes: [number, number, number, number];
  delayNotificationMin: number;
  expirationMin: number;
  smartHost: string;
  outboundPort: number;
  /** Local domains besides the default one (the FQDN). */
  localDomains: string[];
}

export function defaultIisSettings(fqdn: string, computerName: string, utcOffsetMinutes: number): IisSettings {
  return {
    fqdn,
    computerName,
    version: '10.0.17763.1697',
    utcOffsetMinutes,
    logging: { enabled: false, fields: [...DEFAULT_W3C_FIELDS] },
    relay: { mode: 'onlyList', list: [], allowAuthenticated: true },
    maxMessageKb: 2048,
    maxRecipients: 100,
    connectionTimeoutMin: 10,
    retryMinutes: [15, 30, 60, 240],
    delayNotificationMin: 720,
    expirationMin: 2880,
    smartHost: '',
    outboundPort: 25,
    localDomains: [],
  };
}

export function toSessionConfig(s: IisSettings): SessionConfig {
  return {
    fqdn: s.fqdn,
    computerName: s.computerName,
    version: s.version,
    utcOffsetMinutes: s.utcOffsetMinutes,
    localDomains: [s.fqdn, ...s.localDomains],
    mailboxes: null,
    relay: { ...s.relay, relayDomains: [] },
    maxMessageBytes: s.maxMessageKb === null ? null : s.maxMessageKb * 1024,
    maxRecipients: s.maxRecipients,
    connectionTimeoutMs: s.connectionTimeoutMin * 60_000,
  };
}

/** Retry delay after `attempts` failed attempts (15, 30, 60, then 240 minutes each). */
export function retryDelayMs(s: IisSettings, attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), 4) - 1;
  return (s.retryMinutes[i] as number) * 60_000;
}
