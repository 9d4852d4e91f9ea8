/**
 * Settings changes sent by the IIS Manager dialogs (`config.set`). Each key is the dotted name of a
 * setting of the configuration model (`relay.list`, `logging.schedule`; the names scenarios use,
 * scenario/settingNames.ts). Values are checked here, then the cross-field rules of the dialogs
 * (iisSettings.ts `settingsProblem`): a bad patch is an error and changes nothing.
 */
import type { IisServer } from './iisServer';
import { isValidDomain } from '../smtp/commands';
import {
  LOG_FORMATS,
  LOG_SCHEDULES,
  W3C_FIELDS,
  settingsProblem,
  type IisSettings,
} from '../smtp/iisSettings';

/** Returns the value to store, or an error message. */
type Check = (v: unknown) => { value: unknown } | { error: string };

const ok = (value: unknown) => ({ value });
const fail = (error: string) => ({ error });
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const isIp = (v: unknown): v is string => typeof v === 'string' && IPV4.test(v);
const isIpOrSubnet = (v: unknown) =>
  typeof v === 'string' &&
  IPV4.test(v.split('/')[0] as string) &&
  /^[^/]+(\/(3[0-2]|[12]?\d))?$/.test(v);
const isDomain = (v: unknown): v is string => typeof v === 'string' && isValidDomain(v);
const isMailbox = (v: unknown) => typeof v === 'string' && /^[^@\s<>]+@[^@\s<>]+$/.test(v);

const bool: Check = (v) => (typeof v === 'boolean' ? ok(v) : fail('expected true or false'));
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? ok(v)
      : fail(`expected one of ${values.join(', ')}`);
const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? ok(v)
      : fail(`expected a whole number from ${min} to ${max}`);
/** A limit whose check box can be unticked (null). */
const limit =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v) =>
    v === null
      ? ok(null)
      : 'value' in int(min, max)(v)
        ? ok(v)
        : fail(`expected a whole number from ${min} to ${max}, or null (no limit)`);
const text =
  (maxLength: number, allowEmpty = true): Check =>
  (v) =>
    typeof v === 'string' && v.length <= maxLength && (allowEmpty || v.trim() !== '')
      ? ok(v.trim())
      : fail(`expected text of at most ${maxLength} characters`);
const listOf =
  (item: (v: unknown) => boolean, what: string): Check =>
  (v) =>
    Array.isArray(v) && v.every(item) ? ok([...v]) : fail(`expected a list of ${what}`);
const domainOrEmpty: Check = (v) =>
  v === '' || isDomain(v) ? ok(v) : fail('expected a domain name, or empty');
/** Smart host: a host name or `[a.b.c.d]` (brackets skip the DNS lookup, KB 303734); '' = none. */
const hostOrEmpty: Check = (v) =>
  typeof v === 'string' &&
  (v.trim() === '' ||
    isDomain(v.trim()) ||
    (/^\[[^\]]+\]$/.test(v.trim()) && isIp(v.trim().slice(1, -1))))
    ? ok(v.trim())
    : fail('expected a host name or [IP address], or empty');

const remoteDomain = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const keys = ['name', 'allowRelay', 'smartHost', 'outboundTls', 'sendHelo'];
  return (
    Object.keys(d).every((k) => keys.includes(k)) &&
    typeof d.name === 'string' &&
    isValidDomain(d.name.replace(/^\*\./, '')) &&
    typeof d.allowRelay === 'boolean' &&
    'value' in hostOrEmpty(d.smartHost) &&
    typeof d.outboundTls === 'boolean' &&
    typeof d.sendHelo === 'boolean'
  );
};

/** Every setting an administrator can change, by dotted name (identity fields are not settings). */
export const SETTING_CHECKS: Record<string, Check> = {
  fqdn: (v) => (isDomain(v) ? ok(v) : fail('expected a host name')),
  windowsAccounts: listOf(
    (a) =>
      typeof a === 'object' &&
      a !== null &&
      typeof (a as { user?: unknown }).user === 'string' &&
      typeof (a as { password?: unknown }).password === 'string',
    'accounts { user, password }',
  ),
  // General tab
  displayName: text(120, false),
  bindings: (v) =>
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (b) =>
        typeof b === 'object' &&
        b !== null &&
        (b.ip === '' || isIp(b.ip)) &&
        'value' in int(1, 65535)(b.port),
    )
      ? ok(v.map((b) => ({ ip: b.ip, port: b.port })))
      : fail("expected a list of { ip, port } ('' = All Unassigned)"),
  maxConnections: limit(1),
  connectionTimeoutMin: int(1, 1440),
  'logging.enabled': bool,
  'logging.format': oneOf(LOG_FORMATS),
  'logging.schedule': oneOf(LOG_SCHEDULES),
  'logging.maxSizeMb': int(1, 4000),
  'logging.localTimeNaming': bool,
  'logging.fields': listOf(
    (f) => (W3C_FIELDS as readonly unknown[]).includes(f),
    'W3C field names',
  ),
  // Access tab
  'auth.anonymous': bool,
  'auth.basic': bool,
  'auth.basicRequiresTls': bool,
  'auth.defaultDomain': (v) =>
    v === '' || (typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/.test(v))
      ? ok(v)
      : fail('expected a domain name, or empty'),
  'auth.integrated': bool,
  'tls.certificate': bool,
  'tls.required': bool,
  'connectionControl.mode': oneOf(['onlyList', 'allExceptList']),
  'connectionControl.list': listOf(isIpOrSubnet, 'IP addresses or subnets'),
  'connectionControl.domains': listOf(isDomain, 'domain names'),
  'relay.mode': oneOf(['onlyList', 'allExceptList']),
  'relay.list': listOf(isIpOrSubnet, 'IP addresses or subnets'),
  'relay.domains': listOf(isDomain, 'domain names'),
  'relay.allowAuthenticated': bool,
  // Messages tab
  maxMessageKb: limit(1),
  maxSessionKb: limit(1),
  maxMessagesPerConnection: limit(1, 150),
  maxRecipients: limit(1),
  ndrCopyTo: (v) => (v === '' || isMailbox(v) ? ok(v) : fail('expected a mail address, or empty')),
  badmailDirectory: (v) =>
    typeof v === 'string' && /^[A-Za-z]:\\/.test(v) && v.length <= 260
      ? ok(v)
      : fail('expected a folder path like C:\\Inetpub\\mailroot\\Badmail'),
  // Delivery tab
  retryMinutes: (v) =>
    Array.isArray(v) && v.length === 4 && v.every((m) => Number.isInteger(m) && m >= 1)
      ? ok([...v])
      : fail('expected four retry intervals in minutes'),
  delayNotificationMin: int(1),
  expirationMin: int(1),
  localDelayNotificationMin: int(1),
  localExpirationMin: int(1),
  'outboundSecurity.auth': oneOf(['anonymous', 'basic', 'integrated']),
  'outboundSecurity.user': text(256),
  'outboundSecurity.password': (v) =>
    typeof v === 'string' && v.length <= 256 ? ok(v) : fail('expected a password'),
  'outboundSecurity.tls': bool,
  'outboundConnections.limit': limit(1),
  'outboundConnections.timeoutMin': int(1, 1440),
  'outboundConnections.perDomainLimit': limit(1),
  outboundPort: (v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535
      ? ok(v)
      : fail('expected a port from 1 to 65535'),
  maxHopCount: int(1, 256),
  masqueradeDomain: domainOrEmpty,
  smartHost: hostOrEmpty,
  attemptDirectFirst: bool,
  reverseDnsLookup: bool,
  externalDnsServers: listOf(isIp, 'IP addresses'),
  // Domains node
  defaultLocalDomain: (v) => (isDomain(v) ? ok(v) : fail('expected a domain name')),
  localDomains: listOf(isDomain, 'domain names'),
  remoteDomains: (v) =>
    Array.isArray(v) && v.every(remoteDomain)
      ? ok(structuredClone(v))
      : fail('expected a list of { name, allowRelay, smartHost, outboundTls, sendHelo }'),
};

const TIMING = new Set([
  'delayNotificationMin',
  'expirationMin',
  'localDelayNotificationMin',
  'localExpirationMin',
]);

function setPath(settings: IisSettings, key: string, value: unknown): void {
  const parts = key.split('.');
  let target = settings as unknown as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
  target[parts[parts.length - 1] as string] = value;
}

/** Apply a patch of `setting: value` pairs; returns an error message or null. Nothing changes on error. */
export function applyConfigPatch(server: IisServer, patch: Record<string, unknown>): string | null {
  const next = structuredClone(server.settings);
  for (const [key, value] of Object.entries(patch)) {
    const check = Object.hasOwn(SETTING_CHECKS, key) ? SETTING_CHECKS[key] : undefined;
    if (!check) return `${key}: unknown setting`;
    const result = check(value);
    if ('error' in result) return `${key}: ${result.error}`;
    setPath(next, key, result.value);
  }
  const problem = settingsProblem(next);
  if (problem) return problem;
  server.settings = next;
  if (Object.keys(patch).some((k) => TIMING.has(k))) server.queue.settingsChanged();
  return null;
}
