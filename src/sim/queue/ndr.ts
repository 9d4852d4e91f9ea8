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
export function dsnBoundary(serviceStart: number, counter: number, fqdn: string): string {
  if (serviceStart !== lastStart) {
    lastStart = serviceStart;
    lastFiletime = ((BigInt(serviceStart) + FILETIME_EPOCH_OFFSET_MS) * 10_000n)
      .toString(16)
      .toUpperCase()
      .padStart(16, '0');
  }
  const filetime = lastFiletime;
  return `9B095B5ADSN=_${filetime}${counter.toString(16).toUpperCase().padStart(8, '0')}${fqdn.replace(/-/g, '?').slice(0, 16)}`;
}

/** DSNs of one queue run share their dates: remember the last few formatted ones. */
const dates = new Map<string, string>();
function dateOf(ms: number, offset: number): string {
  const key = `${ms}/${offset}`;
  let text = dates.get(key);
  if (text === undefined) {
    if (dates.size > 64) dates.clear();
    text = rfc5322Date(ms, offset);
    dates.set(key, text);
  }
  return text;
}

export function buildDsn(d: DsnInput): string {
  const boundary = dsnBoundary(d.serviceStart, d.counter, d.fqdn);
  const date = dateOf(d.now, d.utcOffsetMinutes);
  const id = `<${d.rng.string(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}${d.counter.toString(16).padStart(8, '0')}@${d.fqdn}>`;
  const failure = d.kind === 'failure';
  const intro = failure
    ? [
        'This is an automatically generated Delivery Status Notification.',
        '',
        'Delivery to the following recipients failed.',
      ]
    : [
        'This is an automatically generated Delivery Status Notification.',
        '',
        'THIS IS A WARNING MESSAGE ONLY.',
        '',
        'YOU DO NOT NEED TO RESEND YOUR MESSAGE.',
        '',
        'Delivery to the following recipients has been delayed.',
      ];
  const perRecipient = d.recipients.flatMap((r) => [
    '',
    `Final-Recipient: rfc822;${r.address}`,
    `Action: ${failure ? 'failed' : 'delayed'}`,
    `Status: ${r.status}`,
    ...(r.diagnostic ? [`Diagnostic-Code: smtp;${r.diagnostic}`] : []),
  ]);
  return [
    `From: postmaster@${d.postmasterDomain}`,
    `To: ${d.originalSender}`,
    `Date: ${date}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    `\tboundary="${boundary}"`,
    `X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546`,
    `Message-ID: ${id}`,
    `Subject: Delivery Status Notification (${failure ? 'Failure' : 'Delay'})`,
    '',
    'This is a MIME-formatted message.  ',
    'Portions of this message may be unreadable without a MIME-capable mail program.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=unicode-1-1-utf-7',
    '',
    ...intro,
    '',
    ...d.recipients.map((r) => `       ${r.address}`),
    '',
    '',
    '',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns;${d.fqdn}`,
    `Received-From-MTA: dns;${d.originalHelo}`,
    `Arrival-Date: ${dateOf(d.arrivalDate, d.utcOffsetMinutes)}`,
    ...perRecipient,
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    '',
    d.original.endsWith('\r\n') ? d.original.slice(0, -2) : d.original,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Enhanced status from a reply like `550 5.1.1 …`; IIS writes 5.5.0 when there is none (§7.3). */
export function statusFromReply(reply: string, fallback: string): string {
  const m = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(reply);
  return m ? (m[1] as string) : fallback;
}
