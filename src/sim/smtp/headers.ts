/** Headers a server adds to an accepted message (reference §3.7). */
import { fill, type Dialect } from './dialect';
import { rfc5322Date, wallClock } from '../clock/time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

const p = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The messages of one delivery run arrive at the same virtual instant: their date texts are
 * formatted once (one slot each, so nothing accumulates).
 */
let arrival = { ms: NaN, text: '' };
let received = { ms: NaN, offset: NaN, text: '' };

/** `X-OriginalArrivalTime: 15 Nov 2020 17:18:06.0430 (UTC) FILETIME=[486637E0:01D6BB73]`. */
export function originalArrivalTime(ms: number): string {
  if (arrival.ms !== ms) arrival = { ms, text: formatArrivalTime(ms) };
  return arrival.text;
}

function formatArrivalTime(ms: number): string {
  const w = wallClock(ms, 0);
  const filetime = (BigInt(ms) + FILETIME_EPOCH_OFFSET_MS) * 10_000n;
  const low = (filetime & 0xffffffffn).toString(16).toUpperCase().padStart(8, '0');
  const high = (filetime >> 32n).toString(16).toUpperCase().padStart(8, '0');
  // Milliseconds padded to four digits: the observed `06.0430 ... FILETIME=[486637E0:01D6BB73]` is
  // 17:18:06.430 UTC, so `.0430` means 430 ms (reference §3.7).
  const frac = p(w.millisecond, 4);
  return `X-OriginalArrivalTime: ${w.day} ${MONTHS[w.month - 1]} ${w.year} ${p(w.hour)}:${p(w.minute)}:${p(w.second)}.${frac} (UTC) FILETIME=[${low}:${high}]`;
}

export interface StampInput {
  dialect: Dialect;
  data: string;
  helo: string;
  clientIp: string;
  fqdn: string;
  version: string;
  queueId: string;
  now: number;
  utcOffsetMinutes: number;
  /** The message came over a channel secured with STARTTLS. */
  secured: boolean;
  /** "Perform reverse DNS lookup" is on and the client's PTR name did not match its HELO. */
  rdnsFailed: boolean;
}

function receivedDate(ms: number, offset: number): string {
  if (received.ms !== ms || received.offset !== offset)
    received = { ms, offset, text: rfc5322Date(ms, offset) };
  return received.text;
}

/** Prepend Received:, and for IIS add Message-ID (when missing) and X-OriginalArrivalTime. */
export function stampHeaders(s: StampInput): string {
  const received = fill(s.secured ? s.dialect.receivedHeaderTls : s.dialect.receivedHeader, {
    rdns: s.rdnsFailed ? ' RDNS failed' : '',
    helo: s.helo,
    clientIp: s.clientIp,
    fqdn: s.fqdn,
    version: s.version,
    queueId: s.queueId,
    date: receivedDate(s.now, s.utcOffsetMinutes),
  });
  if (s.dialect.queueIdStyle !== 'iis') return `${received}\r\n${s.data}`;
  const headerEnd = s.data.search(/\r\n\r\n|^\r\n/);
  const headerBlock = headerEnd < 0 ? s.data : s.data.slice(0, headerEnd);
  const extra: string[] = [];
  if (!/^message-id:/im.test(headerBlock)) extra.push(`Message-ID: ${s.queueId}`);
  extra.push(originalArrivalTime(s.now));
  // No blank line: the whole text is header block (or empty); the added headers close it.
  if (headerEnd < 0)
    return (
      [received, s.data.replace(/\r\n$/, ''), ...extra].filter((l) => l !== '').join('\r\n') +
      '\r\n'
    );
  // A message that starts with the blank line has no headers of its own.
  if (headerEnd === 0) return [received, ...extra].join('\r\n') + '\r\n' + s.data;
  return [received, headerBlock, ...extra].join('\r\n') + s.data.slice(headerEnd);
}

/** Value of a header in a raw message (first occurrence, unfolded), or ''. */
export function headerValue(data: string, name: string): string {
  const end = data.indexOf('\r\n\r\n');
  const head = end < 0 ? data : data.slice(0, end);
  const re = new RegExp(`^${name}:[ \\t]*(.*(?:\\r\\n[ \\t].*)*)`, 'im');
  const m = re.exec(head);
  return m ? (m[1] ?? '').replace(/\r\n[ \t]+/g, ' ').trim() : '';
}
