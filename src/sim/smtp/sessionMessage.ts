/**
 * The message side of a session: reading DATA lines and BDAT chunks, the size limits checked at
 * the end, and the accepted message with the headers the server adds.
 */
import { stampHeaders } from './headers';
import { reverseDnsVerified } from './policy';
import type { AcceptedMessage, SessionContext, SessionEvent } from './sessionTypes';

/** RFC 5321 §4.5.2: the receiver strips one leading dot from a text line. */
export function unstuff(line: string): string {
  return line.startsWith('.') ? line.slice(1) : line;
}

/** RFC 5321 §4.5.2, the sender's side: every line of a CRLF text that starts with a dot gets one more. */
export function stuffText(text: string): string {
  return hasDotLine(text) ? text.replace(/(^|\r\n)\./g, '$1..') : text;
}

/** `unstuff` for every line of a text with CRLF line ends. */
export function unstuffText(text: string): string {
  return hasDotLine(text) ? text.replace(/(^|\r\n)\./g, '$1') : text;
}

/** Most texts have no line starting with a dot: a plain scan spares them the replace. */
const hasDotLine = (text: string) => text.startsWith('.') || text.includes('\r\n.');

/**
 * RFC 3030: a chunk is exactly `remaining` octets with no dot-stuffing. The engine reads lines, so a
 * line is consumed with its CRLF while it fits; when the chunk ends inside a line, what follows the
 * boundary is the next command line (as on the wire). If it ends between CR and LF, the LF is dropped.
 */
export function takeChunk(
  remaining: number,
  line: string,
): { data: string; bytes: number; rest: string | null } {
  if (line.length + 2 <= remaining)
    return { data: `${line}\r\n`, bytes: line.length + 2, rest: null };
  if (line.length >= remaining)
    return { data: line.slice(0, remaining), bytes: remaining, rest: line.slice(remaining) };
  return { data: `${line}\r`, bytes: remaining, rest: null };
}

/** "Limit session size": would this message take the connection over its total? */
export function sessionLimitExceeded(ctx: SessionContext, pendingBytes = 0): boolean {
  const max = ctx.config.maxSessionBytes;
  return max !== null && ctx.sessionBytes + ctx.data.bytes + pendingBytes > max;
}

export function messageTooBig(ctx: SessionContext): boolean {
  const max = ctx.config.maxMessageBytes;
  return max !== null && ctx.data.bytes > max;
}

/** The accepted message: the raw text with Received:, and for IIS Message-ID and X-OriginalArrivalTime. */
export function acceptedMessage(ctx: SessionContext, raw: string): AcceptedMessage {
  const { config, env, dialect } = ctx;
  const queueId = env.newQueueId(dialect.queueIdStyle, config.fqdn, config.computerName);
  const now = env.clock.now();
  const helo = ctx.helo ?? '';
  const data = stampHeaders({
    dialect,
    data: raw,
    helo,
    clientIp: ctx.clientIp,
    fqdn: config.fqdn,
    version: config.version,
    queueId,
    now,
    utcOffsetMinutes: config.utcOffsetMinutes,
    secured: ctx.tls.secure,
    rdnsFailed: config.reverseDnsLookup && !reverseDnsVerified(helo, ctx.clientName),
  });
  return {
    from: ctx.mailFrom ?? '',
    // The session's own array: never pushed to (`storeRecipient` copies, a transaction starts a new one).
    to: ctx.rcpts,
    data,
    size: data.length,
    helo,
    clientIp: ctx.clientIp,
    queueId,
    receivedAt: now,
    secured: ctx.tls.secure,
    authUser: ctx.auth.user,
  };
}

/** A fresh empty transaction (fresh arrays: message text is appended in place). */
export const noTransaction = () => ({
  mailFrom: null,
  rcpts: [],
  data: { parts: [], bytes: 0 },
  bdat: { remaining: 0, last: false, discard: null, from: null, command: null },
});

/** Buffer one DATA line, unstuffed (in place: no context copy per line). */
export function appendLine(buffer: SessionContext['data'], line: string): void {
  const text = unstuff(line);
  buffer.parts.push(`${text}\r\n`);
  buffer.bytes += text.length + 2;
}

/**
 * The unstuffed text of a `client.data` event, made once per event: the guards and the action of
 * its transition read it one after the other, so one slot is enough (no WeakMap entry per message).
 */
let lastText: { event: object | null; text: string } = { event: null, text: '' };
export function textOf(event: SessionEvent): string {
  if (lastText.event !== event)
    lastText = { event, text: unstuffText((event as { text: string }).text) };
  return lastText.text;
}

/**
 * A whole message text at once (`client.data`), unstuffed as `appendData` does per line: the
 * end-of-data actions call this first, so what they read includes it (no separate action per text).
 */
export function takeText(context: SessionContext, event: SessionEvent): void {
  if (event.type !== 'client.data') return;
  const text = textOf(event);
  context.data.parts.push(text);
  context.data.bytes += text.length;
}
