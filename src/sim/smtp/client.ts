/**
 * The scripted SMTP client: what IIS does when it delivers, and what an application does when it
 * submits. One `ClientSession` is one connection: greeting, EHLO (or HELO), STARTTLS and AUTH
 * LOGIN when asked for, then one or more transactions (MAIL with SIZE= when offered, one RCPT per
 * recipient, DATA with dot-stuffing, RFC 5321 §4.5.2), then QUIT. Every command and reply is
 * reported to hooks for logging. No pipelining: IIS logs show one command per reply (§5.7).
 */
import type { SmtpConnection } from './connection';
import { stuffText } from './sessionMessage';
import { base64OfText } from './base64';
import { utf8Length } from '../text/utf8';

export interface ClientTranscriptHooks {
  command?(verb: string, args: string): void;
  response?(lines: string[]): void;
  /** Simulated round-trip for the next reply (ms), for log time-taken values. */
  latency?(): number;
}

export type Stage = 'CONNECT' | 'EHLO' | 'STARTTLS' | 'AUTH' | 'MAIL' | 'RCPT' | 'DATA';

export type RcptOutcome = { rcpt: string; code: number; reply: string; stage: Stage };

export interface ClientOptions {
  helo: string;
  /** Per remote domain "Send HELO instead of EHLO" (reference §4.7). */
  useHelo?: boolean;
  /** Outbound Security "TLS encryption": STARTTLS must succeed before mail is sent. */
  requireTls?: boolean;
  /** Outbound Security "Basic authentication": AUTH LOGIN with these credentials. */
  auth?: { user: string; password: string } | null;
  /**
   * An application's client (System.Net.Mail): it reads no SIZE extension, so it neither sends
   * SIZE= nor holds back a message bigger than the server's limit; the server refuses it after
   * DATA instead (docs/fidelity.md).
   */
  app?: boolean;
}

/** Why a session could not be set up (the `reason` names an smtpsvc reason, §6.2). */
export interface OpenFailure {
  stage: Stage;
  code: number;
  reply: string;
  reason: 'protocolError' | 'noTls' | 'startTlsError' | 'authRejected' | 'authFailed' | 'dropped';
}

export interface TransactionResult {
  delivered: string[];
  failed: RcptOutcome[];
  /** The message is larger than the SIZE the server announced: it was not sent (RFC 1870 §6). */
  tooLarge: boolean;
  /** The connection closed under the transaction; failed recipients were not answered. */
  dropped: boolean;
  /** Reply to the final dot, when it was sent. */
  finalReply: string | null;
}

export const replyCode = (lines: string[]) =>
  Number((lines[lines.length - 1] ?? '000').slice(0, 3)) || 0;

/**
 * A multi-line reply as one line, as Microsoft's transport quotes it in NDRs: the wire lines
 * joined by a space, codes kept (`550-5.7.25 … a 550-5.7.25 PTR record …`; docs/fidelity.md).
 */
export const joinReply = (lines: string[]) => lines.join(' ').trim();

/** Every recipient of a transaction fails with the same reply. */
function failAll(result: TransactionResult, rcpts: string[], lines: string[], stage: Stage): void {
  for (const rcpt of rcpts)
    result.failed.push({ rcpt, code: replyCode(lines), reply: joinReply(lines), stage });
}

export class ClientSession {
  /** Largest message the server takes (EHLO SIZE n), null = no limit announced. */
  maxSize: number | null = null;
  offersSize = false;
  tls = false;

  private constructor(
    readonly conn: SmtpConnection,
    private readonly hooks: ClientTranscriptHooks,
  ) {}

  get closed(): boolean {
    return this.conn.closed;
  }

  #exchange(verb: string, args: string, line: string): string[] {
    this.hooks.command?.(verb, args);
    this.conn.elapsedMs += this.hooks.latency?.() ?? 0;
    const reply = this.conn.send(line);
    if (reply.length > 0) this.hooks.response?.(reply);
    return reply;
  }

  /** Read the greeting and say hello; STARTTLS and AUTH as asked. */
  static open(
    conn: SmtpConnection,
    opts: ClientOptions,
    hooks: ClientTranscriptHooks = {},
  ): ClientSession | OpenFailure {
    const s = new ClientSession(conn, hooks);
    hooks.response?.(conn.greeting);
    const greet = replyCode(conn.greeting);
    if (greet !== 220) {
      s.quit();
      return {
        stage: 'CONNECT',
        code: greet,
        reply: joinReply(conn.greeting),
        reason: greet === 0 ? 'dropped' : 'protocolError',
      };
    }
    const hello = s.#hello(opts);
    if (!Array.isArray(hello)) return hello;
    let ehlo = hello;
    const offersTls = ehlo.some((l) => /^250[- ]STARTTLS\b/i.test(l));
    if (opts.requireTls) {
      if (!offersTls) {
        s.quit();
        return { stage: 'STARTTLS', code: 0, reply: '', reason: 'noTls' };
      }
      const go = s.#exchange('STARTTLS', '', 'STARTTLS');
      if (replyCode(go) !== 220) {
        s.quit();
        return {
          stage: 'STARTTLS',
          code: replyCode(go),
          reply: joinReply(go),
          reason: go.length === 0 ? 'dropped' : 'startTlsError',
        };
      }
      // RFC 3207 §4.2: after the handshake both sides forget what they knew; EHLO again.
      s.tls = true;
      const again = s.#hello(opts);
      if (!Array.isArray(again)) return again;
      ehlo = again;
    }
    if (opts.auth) {
      const offersLogin = ehlo.some((l) => /^250[- ]AUTH[ =](.*\s)?LOGIN\b/i.test(l));
      if (!offersLogin) {
        s.quit();
        return { stage: 'AUTH', code: 0, reply: '', reason: 'authRejected' };
      }
      const failure = s.#authLogin(opts.auth);
      if (failure) return failure;
    }
    const size = opts.app
      ? undefined
      : ehlo.map((l) => /^250[- ]SIZE(?:\s+(\d+))?\s*$/i.exec(l)).find((m) => m);
    s.offersSize = size !== undefined;
    s.maxSize = size?.[1] && Number(size[1]) > 0 ? Number(size[1]) : null;
    return s;
  }

  #hello(opts: ClientOptions): string[] | OpenFailure {
    const verb = opts.useHelo ? 'HELO' : 'EHLO';
    let reply = this.#exchange(verb, opts.helo, `${verb} ${opts.helo}`);
    // RFC 5321 §4.1.4: a server that does not know EHLO gets HELO.
    if (verb === 'EHLO' && (replyCode(reply) === 500 || replyCode(reply) === 502))
      reply = this.#exchange('HELO', opts.helo, `HELO ${opts.helo}`);
    if (replyCode(reply) === 250) return reply;
    this.quit();
    return {
      stage: 'EHLO',
      code: replyCode(reply),
      reply: joinReply(reply),
      reason: reply.length === 0 ? 'dropped' : 'protocolError',
    };
  }

  /** AUTH LOGIN (RFC 4954 §4, reference §1.9): user and password as base64 after each 334. */
  #authLogin(auth: { user: string; password: string }): OpenFailure | null {
    const fail = (lines: string[], reason: OpenFailure['reason']): OpenFailure => {
      this.quit();
      return { stage: 'AUTH', code: replyCode(lines), reply: joinReply(lines), reason };
    };
    const start = this.#exchange('AUTH', 'LOGIN', 'AUTH LOGIN');
    if (replyCode(start) !== 334) return fail(start, 'authRejected');
    this.conn.elapsedMs += this.hooks.latency?.() ?? 0;
    const u = this.conn.send(base64OfText(auth.user));
    if (u.length > 0) this.hooks.response?.(u);
    if (replyCode(u) !== 334) return fail(u, 'authFailed');
    this.conn.elapsedMs += this.hooks.latency?.() ?? 0;
    const p = this.conn.send(base64OfText(auth.password));
    if (p.length > 0) this.hooks.response?.(p);
    return replyCode(p) === 235 ? null : fail(p, 'authFailed');
  }

  /** One mail transaction. Recipients refused with 4xx or 5xx are returned in `failed`. */
  send(mail: { from: string; rcpts: string[]; data: string }): TransactionResult {
    const result: TransactionResult = {
      delivered: [],
      failed: [],
      tooLarge: false,
      dropped: false,
      finalReply: null,
    };
    if (this.conn.closed) {
      result.dropped = true;
      return result;
    }
    const size = utf8Length(mail.data);
    if (this.maxSize !== null && size > this.maxSize) {
      result.tooLarge = true;
      return result;
    }
    const fromArgs = `FROM:<${mail.from}>${this.offersSize ? ` SIZE=${size}` : ''}`;
    const mailReply = this.#exchange('MAIL', fromArgs, `MAIL ${fromArgs}`);
    if (replyCode(mailReply) !== 250) {
      result.dropped = this.conn.closed;
      failAll(result, mail.rcpts, mailReply, 'MAIL');
      this.#reset();
      return result;
    }
    const accepted: string[] = [];
    for (const rcpt of mail.rcpts) {
      const r = this.#exchange('RCPT', `TO:<${rcpt}>`, `RCPT TO:<${rcpt}>`);
      const code = replyCode(r);
      if (code >= 200 && code < 300) accepted.push(rcpt);
      else result.failed.push({ rcpt, code, reply: joinReply(r), stage: 'RCPT' });
      if (this.conn.closed) break;
    }
    if (this.conn.closed) {
      result.dropped = true;
      const answered = new Set([...accepted, ...result.failed.map((f) => f.rcpt)]);
      result.failed = result.failed.filter((f) => f.code !== 0);
      for (const rcpt of [...accepted, ...mail.rcpts.filter((r) => !answered.has(r))])
        result.failed.push({ rcpt, code: 0, reply: '', stage: 'RCPT' });
      return result;
    }
    if (accepted.length === 0) {
      // Observed IIS behaviour: RSET after the only recipients were refused (reference §5.8).
      this.#reset();
      return result;
    }
    const go = this.#exchange('DATA', '', 'DATA');
    if (replyCode(go) !== 354) {
      result.dropped = this.conn.closed;
      failAll(result, accepted, go, 'DATA');
      this.#reset();
      return result;
    }
    const text = mail.data.endsWith('\r\n') ? mail.data : `${mail.data}\r\n`;
    this.conn.elapsedMs += this.hooks.latency?.() ?? 0;
    const done = this.conn.sendText(stuffText(text));
    if (done.length > 0) this.hooks.response?.(done);
    const code = replyCode(done);
    result.finalReply = done[0] ?? null;
    if (code >= 200 && code < 300) result.delivered = accepted;
    else {
      result.dropped = this.conn.closed;
      failAll(result, accepted, done, 'DATA');
    }
    return result;
  }

  #reset(): void {
    if (!this.conn.closed) this.#exchange('RSET', '', 'RSET');
  }

  quit(): void {
    if (!this.conn.closed) this.#exchange('QUIT', '', 'QUIT');
    this.conn.close();
  }
}

export interface ClientResult {
  delivered: string[];
  failed: RcptOutcome[];
  /** Reply to the final dot, when it was sent. */
  finalReply: string | null;
}

/** One connection, one message (an application submitting mail). */
export function runClientDialogue(
  conn: SmtpConnection,
  mail: {
    helo: string;
    from: string;
    rcpts: string[];
    data: string;
    auth?: { user: string; password: string } | null;
    /** Submit as System.Net.Mail does (see `ClientOptions.app`). */
    app?: boolean;
  },
  hooks: ClientTranscriptHooks = {},
): ClientResult {
  const session = ClientSession.open(
    conn,
    { helo: mail.helo, auth: mail.auth ?? null, app: mail.app ?? false },
    hooks,
  );
  if (!(session instanceof ClientSession)) {
    return {
      delivered: [],
      failed: mail.rcpts.map((rcpt) => ({
        rcpt,
        code: session.code,
        reply: session.reply,
        stage: session.stage,
      })),
      finalReply: null,
    };
  }
  const r = session.send(mail);
  session.quit();
  const failed = r.tooLarge
    ? mail.rcpts.map((rcpt) => ({ rcpt, code: 552, reply: '', stage: 'MAIL' as const }))
    : r.failed;
  return { delivered: r.delivered, failed, finalReply: r.finalReply };
}
