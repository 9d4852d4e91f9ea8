import type { Locale } from '../sim';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * Virtual time as a reader of that locale expects it (ja: `2024/05/01 9:12:03`, as the Japanese
 * Event Viewer writes it). The snapshot carries no server time zone, so times are shown in UTC,
 * the zone the W3C log files use too.
 */
export function formatDateTime(ms: number, locale: Locale): string {
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
  return Number.isFinite(ms) ? `${fmt.format(ms)} UTC` : '';
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
