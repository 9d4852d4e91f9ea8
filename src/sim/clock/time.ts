/** Date formatting for the world's outputs. All inputs are virtual-clock milliseconds (UTC). */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Fields of the wall-clock time at `offsetMinutes` from UTC. */
export function wallClock(ms: number, offsetMinutes: number) {
  const d = new Date(ms + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** RFC 5322 date as IIS writes it: `Wed, 4 Jan 2023 00:05:27 -0500` (day without leading zero). */
export function rfc5322Date(ms: number, offsetMinutes: number): string {
  const w = wallClock(ms, offsetMinutes);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${DAYS[w.weekday]}, ${w.day} ${MONTHS[w.month - 1]} ${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${zone}`;
}

/** `yyyy-mm-dd` and `hh:mm:ss` in UTC, as W3C log lines use. */
export function w3cDate(ms: number): string {
  const w = wallClock(ms, 0);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
export function w3cTime(ms: number): string {
  const w = wallClock(ms, 0);
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `yymmdd` of the UTC date: the daily W3C log file is `ex<yymmdd>.log`. */
export function yymmdd(ms: number): string {
  const w = wallClock(ms, 0);
  return `${pad(w.year % 100)}${pad(w.month)}${pad(w.day)}`;
}

/** Local date for `dir` listings: en `03/05/2024  06:02 AM`, ja `2024/03/05  06:02`. */
export function dirDate(ms: number, offsetMinutes: number, locale: 'ja' | 'en'): string {
  const w = wallClock(ms, offsetMinutes);
  if (locale === 'ja')
    return `${w.year}/${pad(w.month)}/${pad(w.day)}  ${pad(w.hour)}:${pad(w.minute)}`;
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${pad(w.month)}/${pad(w.day)}/${w.year}  ${pad(h12)}:${pad(w.minute)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** PowerShell's default short date-time: en `3/5/2024 6:02 AM`, ja `2024/03/05 6:02`. */
export function psDate(ms: number, offsetMinutes: number, locale: 'ja' | 'en'): string {
  const w = wallClock(ms, offsetMinutes);
  if (locale === 'ja') return `${w.year}/${pad(w.month)}/${pad(w.day)} ${w.hour}:${pad(w.minute)}`;
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${w.month}/${w.day}/${w.year} ${h12}:${pad(w.minute)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** Parse durations used in scenario files and the console: `90s`, `15m`, `2h`, `1d`, `1h30m`. */
export function parseDuration(text: string): number | null {
  const re = /(\d+)\s*(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = false;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const trimmed = text.trim();
  re.lastIndex = 0;
  let pos = 0;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    total += Number(m[1]) * (units[m[2] as string] as number);
    matched = true;
    pos = re.lastIndex;
  }
  return matched && pos === trimmed.length ? total : null;
}
