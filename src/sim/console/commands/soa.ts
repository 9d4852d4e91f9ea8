/**
 * The authority section nslookup prints when a name exists but has no record of the asked type
 * (NODATA): the SOA record of the zone (reference §8.3). The world stores no SOA records, so they
 * are made up here: the company's zones are served by its own DNS server with Windows DNS
 * defaults, other zones by `ns1.<zone>` with common registrar values (docs/fidelity.md).
 */
import type { CommandEnv } from '../command';
import { hostedZones } from './dnsServer';

/** nslookup writes durations as `900 (15 mins)`, `3600 (1 hour)`, `1209600 (14 days)`. */
export function nslookupDuration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'min'],
  ];
  for (const [size, name] of units)
    if (seconds % size === 0 && seconds >= size) {
      const n = seconds / size;
      return `${seconds} (${n} ${name}${n === 1 ? '' : 's'})`;
    }
  return `${seconds} (${seconds} secs)`;
}

/** The zone a name belongs to: a zone the company hosts, else its last two labels. */
export function zoneOf(env: CommandEnv, name: string): string {
  const n = name.toLowerCase().replace(/\.$/, '');
  const own = hostedZones(env)
    .filter((z) => n === z || n.endsWith(`.${z}`))
    .sort((a, b) => b.length - a.length)[0];
  return own ?? n.split('.').slice(-2).join('.');
}

/** The SOA lines nslookup prints for a NODATA answer about `name`. */
export function soaLines(env: CommandEnv, name: string): string[] {
  const zone = zoneOf(env, name);
  const own = hostedZones(env).includes(zone);
  // Windows DNS: primary = the server, refresh 15 min, retry 10 min, expire 1 day, minimum 1 hour.
  const [primary, mail, refresh, retry, expire] = own
    ? [env.ctx.dnsServerName, `hostmaster.${zone}`, 900, 600, 86_400]
    : [`ns1.${zone}`, `hostmaster.${zone}`, 7_200, 3_600, 1_209_600];
  return [
    zone,
    `\tprimary name server = ${primary}`,
    `\tresponsible mail addr = ${mail}`,
    `\tserial  = 2026030101`,
    `\trefresh = ${nslookupDuration(refresh)}`,
    `\tretry   = ${nslookupDuration(retry)}`,
    `\texpire  = ${nslookupDuration(expire)}`,
    `\tdefault TTL = ${nslookupDuration(3_600)}`,
    '',
  ];
}
