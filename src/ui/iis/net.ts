/** Address helpers for the computer lists (Connection, Relay) and the identities of the General tab. */

const OCTET = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** Prefix length of a dotted subnet mask (`255.255.255.0` → 24), or null when the ones are not contiguous. */
export function maskToPrefix(mask: string): number | null {
  if (!isIpv4(mask)) return null;
  const bits = mask
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : null;
}

export function prefixToMask(prefix: number): string {
  const bits = '1'.repeat(prefix).padEnd(32, '0');
  return [0, 8, 16, 24].map((i) => parseInt(bits.slice(i, i + 8), 2)).join('.');
}

/** One row of a computer list as IIS shows it: an address, a subnet with its mask, or a domain. */
export interface ComputerEntry {
  kind: 'ip' | 'subnet' | 'domain';
  /** The value as the setting stores it (`10.0.0.20`, `10.0.0.0/24`, `contoso.com`). */
  value: string;
  /** "IP Address (Mask)" column: `10.0.0.0 (255.255.255.0)`; '' for a domain. */
  address: string;
}

export function computerEntries(
  list: readonly string[],
  domains: readonly string[],
): ComputerEntry[] {
  const ips = list.map((value): ComputerEntry => {
    const [ip = value, prefix] = value.split('/');
    if (prefix === undefined || prefix === '32') return { kind: 'ip', value, address: ip };
    return { kind: 'subnet', value, address: `${ip} (${prefixToMask(Number(prefix))})` };
  });
  return [
    ...ips,
    ...domains.map((value): ComputerEntry => ({ kind: 'domain', value, address: '' })),
  ];
}

/** Units of the delay notification and expiration time-out boxes. */
export type DurationUnit = 'minutes' | 'hours' | 'days';
export const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The unit IIS shows a number of minutes in: the largest that divides it (720 → 12 hours). */
export function unitFor(minutes: number): DurationUnit {
  if (minutes > 0 && minutes % 1440 === 0) return 'days';
  if (minutes > 0 && minutes % 60 === 0) return 'hours';
  return 'minutes';
}

/** The W3C log file name pattern of a schedule (reference §4.1), as the Logging Properties show it. */
export function logFilePattern(schedule: string): string {
  switch (schedule) {
    case 'hourly':
      return 'exyymmddhh.log';
    case 'weekly':
      return 'exyymmww.log';
    case 'monthly':
      return 'exyymm.log';
    case 'unlimited':
    case 'size':
      return 'extend1.log';
    default:
      return 'exyymmdd.log';
  }
}
