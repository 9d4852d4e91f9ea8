/**
 * One TCP connection to an SMTP server: a session actor plus byte-free line exchange. Used by
 * telnet in the console, by IIS's outbound delivery and by applications submitting mail.
 * Replies are emitted synchronously by the session, so `send` returns them directly.
 */
import { createActor } from 'xstate';
import type { Clock } from '../clock/virtualClock';
import {
  lineEvent,
  sendToSession,
  sessionMachine,
  type SessionActor,
  type AcceptedMessage,
  type ReplyLog,
  type SessionCloseReason,
  type SessionEvent,
  type SessionInput,
} from './sessionMachine';

export interface ServerHooks {
  /** The session accepted a message (after the final `.`). */
  onMessage(message: AcceptedMessage, conn: SmtpConnection): void;
  /** A reply was sent for a command; `log` is null for the greeting and the 354. */
  onReply(log: ReplyLog | null, conn: SmtpConnection): void;
  onClosed?(conn: SmtpConnection): void;
}

export class SmtpConnection {
  readonly greeting: string[];
  /** Simulated time spent inside a scripted dialogue, so log lines get plausible times. */
  elapsedMs = 0;
  closed = false;
  closeReason: SessionCloseReason | null = null;
  readonly openedAt: number;
  #actor: SessionActor;
  #buffer: string[] = [];
  #listeners: ((lines: string[]) => void)[] = [];

  constructor(
    input: SessionInput,
    clock: Clock,
    private readonly hooks: ServerHooks,
  ) {
    this.openedAt = input.env.clock.now();
    this.#actor = createActor(sessionMachine, { input, clock });
    // One listener for all three kinds (a listener per kind costs each connection a Set more).
    this.#actor.on('*', (e) => {
      if (e.type === 'reply') {
        this.#buffer.push(...e.lines);
        hooks.onReply(e.log, this);
        // Unsolicited replies (idle-timeout 421) reach whoever listens, such as an open telnet session in the console.
        if (this.#listeners.length > 0 && !this.#sending)
          for (const l of this.#listeners) l(e.lines);
      } else if (e.type === 'message') hooks.onMessage(e.message, this);
      else {
        this.closed = true;
        this.closeReason = e.reason;
      }
    });
    this.#actor.start();
    this.greeting = this.#take();
    if (this.closed) this.#finish();
  }

  #sending = false;

  /** Send one line (without CRLF); returns the reply lines it produced (possibly none). */
  send(line: string): string[] {
    return this.#exchange(lineEvent(line));
  }

  /**
   * Send a DATA message's text (dot-stuffed, CRLF after every line) and the final `.` in one step,
   * after the 354; returns the reply to the `.`. Same effect as `send` per line, without one actor
   * step per line.
   */
  sendText(text: string): string[] {
    return this.#exchange({ type: 'client.data', text });
  }

  #exchange(event: SessionEvent): string[] {
    if (this.closed) return [];
    this.#sending = true;
    sendToSession(this.#actor, event);
    this.#sending = false;
    const out = this.#take();
    if (this.closed) this.#finish();
    return out;
  }

  /** The client drops the connection. */
  close(): void {
    if (this.closed) return;
    this.#actor.send({ type: 'client.close' });
    this.#finish();
  }

  /** Listen for replies the server sends on its own (timeouts). */
  onUnsolicited(fn: (lines: string[]) => void): void {
    this.#listeners.push(fn);
  }

  #take(): string[] {
    const out = this.#buffer;
    this.#buffer = [];
    return out;
  }

  #finish(): void {
    this.closed = true;
    this.#actor.stop();
    this.hooks.onClosed?.(this);
  }
}
