/**
 * Reply building for the session machine: every reply is rendered from the dialect (no literal
 * text here) and carries what the protocol log needs (reference §5.3–§5.5).
 */
import { rfc5322Date } from '../clock/time';
import { parseCommand, parsePathArgument } from './commands';
import { renderEhlo, renderReply, type ReplyKey } from './dialect';
import type {
  LineEvent,
  PendingCommand,
  ReplyLog,
  SessionContext,
  SessionEmitted,
} from './sessionTypes';

export const replyBytes = (lines: string[]) => lines.reduce((n, l) => n + l.length + 2, 0);

type Values = Record<string, string | number>;

/** Build the `reply` emission for a key, logged as the command that caused it (null: not logged). */
export function reply(
  ctx: SessionContext,
  key: ReplyKey,
  cmd: PendingCommand | null,
  extra?: Values,
): SessionEmitted & { type: 'reply' } {
  const lines = renderReply(ctx.dialect.replies[key], ctx.replyValues, extra);
  const log: ReplyLog | null = cmd
    ? {
        method: cmd.verb,
        query: cmd.rest,
        status: ctx.dialect.replies[key].code,
        bytesSent: replyBytes(lines),
        bytesReceived: cmd.line.length,
        helo: ctx.helo,
      }
    : null;
  return { type: 'reply', lines, log };
}

/** The EHLO reply: which keywords show depends on the certificate, TLS state and auth settings. */
export function ehloReply(ctx: SessionContext, cmd: LineEvent): SessionEmitted & { type: 'reply' } {
  const { auth, tls } = ctx.config;
  // RFC 3207 §4.2: STARTTLS is not offered again once the channel is secure; Basic with
  // "Requires TLS encryption" offers LOGIN only on a secure channel (reference §3.3).
  const login = auth.basic && (!auth.basicRequiresTls || ctx.tls.secure);
  const mechs = [...(auth.integrated ? ['GSSAPI', 'NTLM'] : []), ...(login ? ['LOGIN'] : [])];
  const lines = renderEhlo(
    ctx.dialect,
    {
      sizeLimited: ctx.config.maxMessageBytes !== null,
      startTls: tls.certificate && !ctx.tls.secure,
      auth: mechs.length > 0,
      authLogin: login,
    },
    ctx.replyValues,
    { authMechs: mechs.join(' ') },
  );
  return {
    type: 'reply',
    lines,
    log: {
      method: 'EHLO',
      query: cmd.rest,
      status: 250,
      bytesSent: replyBytes(lines),
      bytesReceived: cmd.line.length,
      helo: cmd.arg,
    },
  };
}

/** The 354 after DATA (fixed for a session). */
export const dataGoLines = (ctx: SessionContext) =>
  renderReply(ctx.dialect.replies.dataGo, ctx.replyValues);

/**
 * The bytes of the 354, which the W3C line of DATA counts together with the final reply (§5.3):
 * none when the message came by BDAT.
 */
export const dataGoBytes = (ctx: SessionContext) =>
  ctx.bdat.command ? 0 : replyBytes(dataGoLines(ctx));

/** IIS qualifies a bare local-part with its own domain (reference §3.4, KB 304897). */
export function qualify(ctx: SessionContext, address: string): string {
  return address === '' || address.includes('@')
    ? address
    : `${address}@${ctx.config.defaultDomain ?? ctx.config.fqdn}`;
}

/** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF. */
export const MAX_COMMAND_LINE = 510;

/** A client line as the session's event (sessionTypes.ts `LineEvent`): typed by its first word. */
export function lineEvent(line: string): LineEvent {
  const p = parseCommand(line);
  const path =
    p.verb === 'MAIL'
      ? parsePathArgument(p.arg, 'FROM')
      : p.verb === 'RCPT'
        ? parsePathArgument(p.arg, 'TO')
        : null;
  return {
    type:
      line.length > MAX_COMMAND_LINE ? 'line.tooLong' : p.verb ? `line.${p.verb}` : 'line.unknown',
    line,
    verb: p.verb ?? 'xxxx',
    rest: p.rest,
    arg: p.arg,
    path,
  };
}

/** The greeting's date, formatted once for the sessions that open at the same instant. */
const lastGreeting = { at: NaN, offset: NaN, text: '' };
export function greetingDate(at: number, offset: number): string {
  if (at !== lastGreeting.at || offset !== lastGreeting.offset) {
    lastGreeting.text = rfc5322Date(at, offset);
    lastGreeting.at = at;
    lastGreeting.offset = offset;
  }
  return lastGreeting.text;
}

/** The log line of DATA counts the 354 and the final reply together, and the message size (§5.3). */
export function dataLogged(
  context: SessionContext,
  r: ReturnType<typeof reply>,
  query?: string,
): SessionEmitted {
  const log = r.log;
  return {
    type: r.type,
    lines: r.lines,
    log: log && {
      method: log.method,
      query: query === undefined ? log.query : query,
      status: log.status,
      bytesSent: log.bytesSent + dataGoBytes(context),
      bytesReceived: context.data.bytes,
      helo: log.helo,
    },
  };
}
