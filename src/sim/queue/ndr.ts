/**
 * Delivery Status Notifications as IIS SMTPSVC writes them (reference §7): multipart/report with a
 * `unicode-1-1-utf-7` text part, a message/delivery-status part without spaces after `dns;`,
 * `rfc822;`, `smtp;`, and the original message attached.
 */
import { rfc5322Date } from '../clock/time';
import type { SeededRandom } from '../clock/random';

export interface DsnInput {
  kind: 'failure' | 'delay';
  fqdn: string;
  postmasterDomain: string;
  originalSender: string;
  originalHelo: string;
  arrivalDate: number;
  now: number;
  utcOffsetMinutes: number;
  recipients: { address: string; status: string; diagnostic: string | null }[];
  original: string;
  rng: SeededRandom;
  counter: number;
  /** When SMTPSVC last started (the boundary carries it). */
  serviceStart: number;
  /** The Message-ID when the caller made it already (`dsnMessageId`); else one is made here. */
  id?: string;
}

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/**
 * `9B095B5ADSN=_` + a FILETIME (16 hex digits) + an 8-digit counter + the first 16 characters of
 * the FQDN with hyphens as `?`: the shape of both observed boundaries (§7.2). Their FILETIMEs
 * (`01CE585A42E11DFD` = 24 May 2013, `01D6B7FCF09F1AA4` = 11 Nov 2020) predate their reports by
 * days, so they are read as the time the service started, and the counter as DSNs since then.
 */
let lastStart = NaN;
let lastFiletime = '';
let lastFqdn = '';
let lastFqdnPart = '';
export function dsnBoundary(serviceStart: number, counter: number, fqdn: string): string {
  if (serviceStart !== lastStart) {
    lastStart = serviceStart;
    lastFiletime = ((BigInt(serviceStart) + FILETIME_EPOCH_OFFSET_MS) * 10_000n)
      .toString(16)
      .toUpperCase()
      .padStart(16, '0');
  }
  if (fqdn !== lastFqdn) {
    lastFqdn = fqdn;
    lastFqdnPart = fqdn.replace(/-/g, '?').slice(0, 16);
  }
  return `9B095B5ADSN=_${lastFiletime}${counter.toString(16).toUpperCase().padStart(8, '0')}${lastFqdnPart}`;
}

/**
 * DSNs of one queue run share their dates: remember the last few formatted ones, by instant (a
 * world has one UTC offset; another offset starts afresh).
 */
const dates = new Map<number, string>();
let datesOffset = NaN;
function dateOf(ms: number, offset: number): string {
  if (offset !== datesOffset) {
    dates.clear();
    datesOffset = offset;
  }
  let text = dates.get(ms);
  if (text === undefined) {
    if (dates.size > 64) dates.clear();
    text = rfc5322Date(ms, offset);
    dates.set(ms, text);
  }
  return text;
}

const CRLF = '\r\n';
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The DSN's Message-ID: 10 random characters, the counter in hex, the FQDN. */
export function dsnMessageId(rng: SeededRandom, counter: number, fqdn: string): string {
  return `<${rng.string(10, ID_CHARS)}${counter.toString(16).padStart(8, '0')}@${fqdn}>`;
}

/**
 * The fixed runs of lines, joined once: a queue run writes thousands of DSNs, and each is built
 * from these blocks and its own values with one `join`.
 */
const block = (...lines: string[]) => lines.join(CRLF);
const MIME_HEADERS = block(
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status;',
);
const PREAMBLE = block(
  '',
  'This is a MIME-formatted message.  ',
  'Portions of this message may be unreadable without a MIME-capable mail program.',
  '',
);
const INTRO = {
  failure: block(
    'Content-Type: text/plain; charset=unicode-1-1-utf-7',
    '',
    'This is an automatically generated Delivery Status Notification.',
    '',
    'Delivery to the following recipients failed.',
    '',
  ),
  delay: block(
    'Content-Type: text/plain; charset=unicode-1-1-utf-7',
    '',
    'This is an automatically generated Delivery Status Notification.',
    '',
    'THIS IS A WARNING MESSAGE ONLY.',
    '',
    'YOU DO NOT NEED TO RESEND YOUR MESSAGE.',
    '',
    'Delivery to the following recipients has been delayed.',
    '',
  ),
};
/** IIS leaves four empty lines between the recipient list and the next part. */
const AFTER_LIST = block('', '', '', '');
const RFC822_PART = block('Content-Type: message/rfc822', '');

export function buildDsn(d: DsnInput): string {
  const boundary = dsnBoundary(d.serviceStart, d.counter, d.fqdn);
  const failure = d.kind === 'failure';
  const action = failure ? 'Action: failed' : 'Action: delayed';
  const lines = [
    `From: postmaster@${d.postmasterDomain}`,
    `To: ${d.originalSender}`,
    `Date: ${dateOf(d.now, d.utcOffsetMinutes)}`,
    MIME_HEADERS,
    `\tboundary="${boundary}"`,
    'X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546',
    `Message-ID: ${d.id ?? dsnMessageId(d.rng, d.counter, d.fqdn)}`,
    failure
      ? 'Subject: Delivery Status Notification (Failure)'
      : 'Subject: Delivery Status Notification (Delay)',
    PREAMBLE,
    `--${boundary}`,
    failure ? INTRO.failure : INTRO.delay,
  ];
  for (const r of d.recipients) lines.push(`       ${r.address}`);
  lines.push(
    AFTER_LIST,
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns;${d.fqdn}`,
    `Received-From-MTA: dns;${d.originalHelo}`,
    `Arrival-Date: ${dateOf(d.arrivalDate, d.utcOffsetMinutes)}`,
  );
  for (const r of d.recipients) {
    lines.push('', `Final-Recipient: rfc822;${r.address}`, action, `Status: ${r.status}`);
    if (r.diagnostic) lines.push(`Diagnostic-Code: smtp;${r.diagnostic}`);
  }
  lines.push(
    '',
    `--${boundary}`,
    RFC822_PART,
    d.original.endsWith(CRLF) ? d.original.slice(0, -2) : d.original,
    '',
    `--${boundary}--`,
    '',
  );
  return lines.join(CRLF);
}

/** Enhanced status from a reply like `550 5.1.1 …`; IIS writes 5.5.0 when there is none (§7.3). */
export function statusFromReply(reply: string, fallback: string): string {
  const m = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(reply);
  return m ? (m[1] as string) : fallback;
}
