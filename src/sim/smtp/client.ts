/**
 * The scripted SMTP client: what IIS does when it delivers, and what an application does when it
 * submits. EHLO, MAIL (with SIZE= when the server offers SIZE), one RCPT per recipient, DATA with
 * dot-stuffing (RFC 5321 §4.5.2), QUIT. Every command and reply is reported for logging.
 */
import type { SmtpConnection } from './connection';

const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

export interface ClientTranscriptHooks {
  command?(verb: string, args: string): void;
  response?(lines: string[]): void;
  /** Simulated round-trip for the next reply (ms), for log time-taken values. */
  latency?(): number;
}

export type RcptOutcome = { rcpt: string; code: number; reply: string; stage: 'RCPT' | 'MAIL' | 'DATA' | 'CONNECT' | 'EHLO' };

export interface ClientResult {
  delivered: string[];
  failed: RcptOutcome[];
  /** Reply to the final dot, when it was sent. */
  finalReply: string | null;
}

const codeOf = (lines: string[]) => Number((lines[lines.length - 1] ?? '000').slice(0, 3)) || 0;
/** A multi-line reply as one line: `550 5.7.1 first part second part` (for DSN Diagnostic-Code). */
const joinReply = (lines: string[]) =>
  `${(lines[0] ?? '000').slice(0, 3)} ${lines.map((l) => l.slice(4)).join(' ')}`.trim();

export function runClientDialogue(
  conn: SmtpConnection,
  mail: { helo: string; from: string; rcpts: string[]; data: string },
  hooks: ClientTranscriptHooks = {},
): ClientResult {
  const failAll = (stage: RcptOutcome['stage'], lines: string[]): ClientResult => ({
    delivered: [],
    failed: mail.rcpts.map((rcpt) => ({ rcpt, code: codeOf(lines), reply: lines[0] ?? '', stage })),
    finalReply: null,
  });
  const exchange = (verb: string, args: string, line: string): string[] => {
    hooks.command?.(verb, args);
    conn.elapsedMs += hooks.latency?.() ?? 0;
    const reply = conn.send(line);
    if (reply.length > 0) hooks.response?.(reply);
    return reply;
  };
  const quit = () => {
    if (!conn.closed) exchange('QUIT', '', 'QUIT');
    conn.close();
  };

  hooks.response?.(conn.greeting);
  if (codeOf(conn.greeting) !== 220) {
    quit();
    return failAll('CONNECT', conn.greeting);
  }
  const ehlo = exchange('EHLO', mail.helo, `EHLO ${mail.helo}`);
  if (codeOf(ehlo) !== 250) {
    quit();
    return failAll('EHLO', ehlo);
  }
  const offersSize = ehlo.some((l) => /^250[- ]SIZE\b/i.test(l));
  const size = utf8Length(mail.data);
  const fromArgs = `FROM:<${mail.from}>${offersSize ? ` SIZE=${size}` : ''}`;
  const mailReply = exchange('MAIL', fromArgs, `MAIL ${fromArgs}`);
  if (codeOf(mailReply) !== 250) {
    quit();
    return failAll('MAIL', mailReply);
  }
  const accepted: string[] = [];
  const failed: RcptOutcome[] = [];
  for (const rcpt of mail.rcpts) {
    const r = exchange('RCPT', `TO:<${rcpt}>`, `RCPT TO:<${rcpt}>`);
    const code = codeOf(r);
    if (code >= 200 && code < 300) accepted.push(rcpt);
    else failed.push({ rcpt, code, reply: joinReply(r), stage: 'RCPT' });
  }
  if (accepted.length === 0) {
    // Observed IIS behaviour: RSET, then QUIT, after the only recipients were refused.
    exchange('RSET', '', 'RSET');
    quit();
    return { delivered: [], failed, finalReply: null };
  }
  const go = exchange('DATA', '', 'DATA');
  if (codeOf(go) !== 354) {
    quit();
    return { delivered: [], failed: [...failed, ...accepted.map((rcpt) => ({ rcpt, code: codeOf(go), reply: joinReply(go), stage: 'DATA' as const }))], finalReply: null };
  }
  const lines = mail.data.replace(/\r\n$/, '').split('\r\n');
  for (const l of lines) conn.send(l.startsWith('.') ? `.${l}` : l);
  conn.elapsedMs += hooks.latency?.() ?? 0;
  const done = conn.send('.');
  hooks.response?.(done);
  const code = codeOf(done);
  quit();
  if (code >= 200 && code < 300) return { delivered: accepted, failed, finalReply: done[0] ?? null };
  return {
    delivered: [],
    failed: [...failed, ...accepted.map((rcpt) => ({ rcpt, code, reply: joinReply(done), stage: 'DATA' as const }))],
    finalReply: done[0] ?? null,
  };
}
