import type { Locale } from '../sim';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * Virtual time as the server's own screens show it: the Windows hosts' local time (the scenario's
 * UTC offset), written the way a reader of that locale expects (ja: `2026/03/05 9:12:03`, as the
 * Japanese Event Viewer writes it). `withZone` appends `(UTC+09:00)` for the clock, where the
 * difference from the UTC W3C logs matters.
 */
export function formatDateTime(
  ms: number,
  locale: Locale,
  utcOffsetMinutes = 0,
  withZone = false,
): string {
  let fmt = dateTimeFormats.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
      timeZone: 'UTC',
      year: 'numeric',
      month: locale === 'ja' ? '2-digit' : 'numeric',
      day: locale === 'ja' ? '2-digit' : 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
      hour12: locale !== 'ja',
    });
    dateTimeFormats.set(locale, fmt);
  }
  if (!Number.isFinite(ms)) return '';
  const local = fmt.format(ms + utcOffsetMinutes * 60_000);
  return withZone ? `${local} (${utcOffsetLabel(utcOffsetMinutes)})` : local;
}

/** `UTC+09:00`, `UTC-05:00`, `UTC`. */
export function utcOffsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Machine-readable form for `<time datetime>`. */
export function isoDateTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** A real-world date (when a learner solved something), in the browser's own zone. */
export function formatRealDate(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'medium',
  }).format(ms);
}

/** Integer with thousands separators (`1,234`). */
export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US').format(n);
}
