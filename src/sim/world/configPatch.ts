/**
 * Settings changes sent by the IIS Manager dialogs (`config.set`). Each key names a setting of
 * the configuration model; values are checked here so a bad patch is an error, not a corrupt world.
 */
import type { IisServer } from './iisServer';
import { W3C_FIELDS, type W3cField } from '../smtp/iisSettings';

type Setter = (server: IisServer, value: unknown) => string | null;

const isIpOrSubnet = (v: unknown) => typeof v === 'string' && /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(v);
const positiveIntOrNull = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) > 0);

const SETTERS: Record<string, Setter> = {
  'logging.enabled': (s, v) => (typeof v === 'boolean' ? ((s.settings.logging.enabled = v), null) : 'expected true or false'),
  'logging.fields': (s, v) =>
    Array.isArray(v) && v.every((f) => (W3C_FIELDS as readonly string[]).includes(f))
      ? ((s.settings.logging.fields = v as W3cField[]), null)
      : 'expected a list of W3C field names',
  'relay.mode': (s, v) =>
    v === 'onlyList' || v === 'allExceptList' ? ((s.settings.relay.mode = v), null) : 'expected onlyList or allExceptList',
  'relay.list': (s, v) =>
    Array.isArray(v) && v.every(isIpOrSubnet) ? ((s.settings.relay.list = v as string[]), null) : 'expected a list of IP addresses or subnets',
  'relay.allowAuthenticated': (s, v) =>
    typeof v === 'boolean' ? ((s.settings.relay.allowAuthenticated = v), null) : 'expected true or false',
  maxMessageKb: (s, v) => (positiveIntOrNull(v) ? ((s.settings.maxMessageKb = v as number | null), null) : 'expected a positive whole number or null'),
  maxRecipients: (s, v) => (positiveIntOrNull(v) ? ((s.settings.maxRecipients = v as number | null), null) : 'expected a positive whole number or null'),
  smartHost: (s, v) => (typeof v === 'string' ? ((s.settings.smartHost = v.trim()), null) : 'expected a host name or [IP]'),
  outboundPort: (s, v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535 ? ((s.settings.outboundPort = v as number), null) : 'expected a port from 1 to 65535',
  fqdn: (s, v) => (typeof v === 'string' && v.length > 0 ? ((s.settings.fqdn = v), null) : 'expected a host name'),
};

/** Apply a patch of `setting: value` pairs; returns an error message or null. Nothing changes on error. */
export function applyConfigPatch(server: IisServer, patch: Record<string, unknown>): string | null {
  const before = structuredClone(server.settings);
  for (const [key, value] of Object.entries(patch)) {
    const setter = SETTERS[key];
    const error = setter ? setter(server, value) : 'unknown setting';
    if (error) {
      server.settings = before;
      return `${key}: ${error}`;
    }
  }
  return null;
}
