/** Types of the SMTP server session (sessionMachine.ts) and its initial context. */
import type { Clock } from '../clock/virtualClock';
import type { PathArgument, Verb } from './commands';
import type { Dialect, ReplyKey } from './dialect';
import type { SessionConfig } from './policy';
import type { PolicyFacts, PolicyStage, PolicyVerdict } from './receiverPolicy';

/** What the session needs from its world: the virtual clock and fresh ids (both deterministic). */
export interface SessionEnv {
  /** The world's virtual clock: the time, and the session's idle timer. */
  clock: Clock & { now(): number };
  newQueueId(style: Dialect['queueIdStyle'], fqdn: string, computerName: string): string;
  /** A remote receiver's policy (receiverPolicy.ts): a refusal to send instead of the normal reply, or null. */
  policy?(stage: PolicyStage, facts: PolicyFacts): PolicyVerdict | null;
}

/**
 * How the server takes a new connection: `accept`; `paused` (the virtual server is paused: 421 and
 * close); `tooManyConnections` (General › "Limit number of connections" reached: 421 and close).
 */
export type Admission = 'accept' | 'paused' | 'tooManyConnections';

export interface SessionInput {
  config: SessionConfig;
  dialect: Dialect;
  clientIp: string;
  serverIp: string;
  env: SessionEnv;
  /** The client's reverse-DNS (PTR) name, for domain entries and the RDNS check; null = none. */
  clientName?: string | null;
  admission?: Admission;
}

export interface AcceptedMessage {
  from: string;
  to: string[];
  /** The message as stored: the server's own headers prepended, CRLF line ends, unstuffed. */
  data: string;
  size: number;
  helo: string;
  clientIp: string;
  queueId: string;
  receivedAt: number;
  /** Received over a STARTTLS-secured channel. */
  secured?: boolean;
  /** Windows account the client authenticated as (`DOMAIN\user`), if any. */
  authUser?: string | null;
}

/** What one reply contributes to a protocol log line (IIS W3C formatting happens in logs/). */
export interface ReplyLog {
  method: string;
  query: string;
  status: number;
  bytesSent: number;
  bytesReceived: number;
  helo: string | null;
}

/** `server` = the server hung up on its own (connection refused by policy, 421, session limit). */
export type SessionCloseReason = 'quit' | 'timeout' | 'client' | 'server';

export type SessionEmitted =
  | { type: 'reply'; lines: string[]; log: ReplyLog | null }
  | { type: 'message'; message: AcceptedMessage }
  | { type: 'closed'; reason: SessionCloseReason };

/**
 * One client line, typed by its first word (`line.MAIL`, `line.unknown` when it is no command,
 * `line.tooLong` past 512 octets), so the command states read as a table of legal commands. States
 * with their own line discipline (DATA text, a BDAT chunk, an AUTH answer) take `line.*`.
 * Built by `lineEvent` (sessionReplies.ts).
 */
export interface LineEvent {
  type: `line.${Verb}` | 'line.unknown' | 'line.tooLong';
  line: string;
  verb: string;
  rest: string;
  arg: string;
  path: PathArgument | null;
}

export type SessionEvent =
  | LineEvent
  /**
   * The rest of a DATA message at once: its text as sent (dot-stuffed, CRLF after every line), then
   * the `.` line. Same as one line event per line, in one step.
   */
  | { type: 'client.data'; text: string }
  | { type: 'client.close' }
  /** The idle timer ran out: the session closes if no line arrived for the connection time-out. */
  | { type: 'session.idleCheck' };

/** The states that read command lines (sessionMachine.ts), and return to after a dropped BDAT chunk. */
export const COMMAND_STATES = ['awaitingHelo', 'greeted', 'transaction', 'chunking'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** The command that a multi-line exchange (AUTH, BDAT) is logged under when it completes. */
export interface PendingCommand {
  verb: string;
  rest: string;
  line: string;
}

/**
 * The session's working state. The hot paths write `helo`, `mailFrom`, `rcpts`, `data`, `bdat`,
 * `messagesAccepted`, `sessionBytes` and `activity` in place (sessionSetup.ts); the other changes
 * go through `assign`.
 */
export interface SessionContext extends SessionInput {
  clientName: string | null;
  admission: Admission;
  helo: string | null;
  mailFrom: string | null;
  rcpts: string[];
  /** Message text being received (DATA lines or BDAT chunks); `bytes` counts what arrived. */
  data: { parts: string[]; bytes: number };
  messagesAccepted: number;
  /** The placeholders every reply may use (`{fqdn}`, `{clientIp}`…): fixed for the session. */
  replyValues: Record<string, string | number>;
  /**
   * The connection time-out: when the last client line arrived (virtual ms), how many inputs came
   * so far, and the one pending timer. Written in place by `noteActivity` on every line (no
   * context copy per line); the timer reads it when it fires instead of being re-set per line
   * (sessionIdle.ts).
   */
  activity: { lastLineAt: number; inputs: number; timer: unknown };
  /** DATA/BDAT bytes received on this connection ("Limit session size", reference §4.3). */
  sessionBytes: number;
  /** RFC 3207: true once STARTTLS succeeded. */
  tls: { secure: boolean };
  /** RFC 4954: the authenticated account, and the state of an exchange in progress. */
  auth: {
    user: string | null;
    mechanism: 'LOGIN' | 'NTLM' | 'GSSAPI' | null;
    pendingUser: string | null;
    command: PendingCommand | null;
  };
  /**
   * RFC 3030: the chunk being read. `discard` = the BDAT was refused: read and drop, then reply in
   * the state it came `from`.
   */
  bdat: {
    remaining: number;
    last: boolean;
    discard: ReplyKey | null;
    from: CommandState | null;
    command: PendingCommand | null;
  };
}

/**
 * Built property by property, not as `{ ...input, … }`: in V8 a spread followed by more properties
 * gives every session a fresh hidden class (about 30 µs each, and slow property access after).
 */
export function initialContext(input: SessionInput): SessionContext {
  return {
    config: input.config,
    dialect: input.dialect,
    clientIp: input.clientIp,
    serverIp: input.serverIp,
    env: input.env,
    clientName: input.clientName ?? null,
    admission: input.admission ?? 'accept',
    helo: null,
    mailFrom: null,
    rcpts: [],
    data: { parts: [], bytes: 0 },
    messagesAccepted: 0,
    replyValues: {
      fqdn: input.config.fqdn,
      clientIp: input.clientIp,
      version: input.config.version,
      maxSize: input.config.maxMessageBytes ?? 0,
    },
    activity: { lastLineAt: input.env.clock.now(), inputs: 0, timer: null },
    sessionBytes: 0,
    tls: { secure: false },
    auth: { user: null, mechanism: null, pendingUser: null, command: null },
    bdat: { remaining: 0, last: false, discard: null, from: null, command: null },
  };
}

/** The line event a handler runs on (only `line.*` transitions ask for these). */
export const commandOf = (event: SessionEvent) => event as LineEvent;
export const lineOf = (event: SessionEvent) => (event as LineEvent).line;
