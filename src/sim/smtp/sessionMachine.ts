/**
 * One SMTP server session (RFC 5321 server side). IIS and every remote receiver run this same
 * machine; their differences are the `config` (policy) and the `dialect` (texts).
 *
 * Each client line is parsed once and re-raised as a `cmd.<VERB>` event, so the states below read
 * as a table: which command is legal where, and what happens otherwise (RFC 5321 §4.1.4, §4.3.2).
 */
import { assign, cancel, emit, enqueueActions, raise, setup } from 'xstate';
import { parseCommand, parsePathArgument, isValidDomain, type PathArgument, type Verb } from './commands';
import { renderEhlo, renderReply, type Dialect, type ReplyKey } from './dialect';
import { rcptDecision, type SessionConfig } from './policy';
import { stampHeaders } from './headers';
import { rfc5322Date } from '../clock/time';

/** What the session needs from its world: the time and fresh ids (both deterministic). */
export interface SessionEnv {
  now(): number;
  newQueueId(style: Dialect['queueIdStyle'], fqdn: string, computerName: string): string;
}

export interface SessionInput {
  config: SessionConfig;
  dialect: Dialect;
  clientIp: string;
  serverIp: string;
  env: SessionEnv;
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

export type SessionEmitted =
  | { type: 'reply'; lines: string[]; log: ReplyLog | null }
  | { type: 'message'; message: AcceptedMessage }
  | { type: 'closed'; reason: 'quit' | 'timeout' | 'client' };

interface CommandEvent {
  type: `cmd.${Verb}` | 'cmd.unknown';
  line: string;
  verb: string;
  rest: string;
  arg: string;
  path: PathArgument | null;
}

export type SessionEvent =
  | { type: 'client.line'; line: string }
  | { type: 'client.close' }
  | { type: 'session.idleTimeout' }
  | CommandEvent;

interface DataBuffer {
  lines: string[];
  bytes: number;
  tooLong: boolean;
}

export interface SessionContext extends SessionInput {
  helo: string | null;
  mailFrom: string | null;
  rcpts: string[];
  data: DataBuffer;
  /** Bytes of the 354 reply, logged together with the final DATA reply. */
  pendingDataBytes: number;
  messagesAccepted: number;
}

/** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF. */
const MAX_COMMAND_LINE = 510;
/** RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets including CRLF. */
const MAX_TEXT_LINE = 998;

const replyBytes = (lines: string[]) => lines.reduce((n, l) => n + l.length + 2, 0);

function values(ctx: SessionContext, extra: Record<string, string | number> = {}) {
  return {
    fqdn: ctx.config.fqdn,
    clientIp: ctx.clientIp,
    version: ctx.config.version,
    maxSize: ctx.config.maxMessageBytes ?? 0,
    ...extra,
  };
}

/** Build the `reply` emission for a key, logged as the command that caused it. */
function reply(
  ctx: SessionContext,
  key: ReplyKey,
  cmd: { verb: string; rest: string; line: string } | null,
  extra: Record<string, string | number> = {},
): SessionEmitted {
  const lines = renderReply(ctx.dialect.replies[key], values(ctx, extra));
  return {
    type: 'reply',
    lines,
    log: cmd
      ? {
          method: cmd.verb,
          query: cmd.rest,
          status: ctx.dialect.replies[key].code,
          bytesSent: replyBytes(lines),
          bytesReceived: cmd.line.length,
          helo: ctx.helo,
        }
      : null,
  };
}

/** IIS qualifies a bare local-part with its own domain (reference §3.4). */
function qualify(ctx: SessionContext, address: string): string {
  return address === '' || address.includes('@') ? address : `${address}@${ctx.config.fqdn}`;
}

function toCommandEvent(line: string): CommandEvent {
  const p = parseCommand(line);
  const path =
    p.verb === 'MAIL' ? parsePathArgument(p.arg, 'FROM') : p.verb === 'RCPT' ? parsePathArgument(p.arg, 'TO') : null;
  return {
    type: p.verb ? `cmd.${p.verb}` : 'cmd.unknown',
    line,
    verb: p.verb ?? 'xxxx',
    rest: p.rest,
    arg: p.arg,
    path,
  };
}

export const sessionMachine = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    emitted: {} as SessionEmitted,
  },
  delays: {
    idle: ({ context }) => context.config.connectionTimeoutMs,
  },
  guards: {
    lineTooLong: ({ event }) => event.type === 'client.line' && event.line.length > MAX_COMMAND_LINE,
    hasArgument: ({ event }) => (event as CommandEvent).arg !== '',
    noArgument: ({ event }) => (event as CommandEvent).arg === '',
    badDomainArgument: ({ event }) => !isValidDomain((event as CommandEvent).arg),
    badPath: ({ event }) => (event as CommandEvent).path === null,
    declaredTooBig: ({ context, event }) => {
      const size = Number((event as CommandEvent).path?.params.SIZE ?? NaN);
      return context.config.maxMessageBytes !== null && size > context.config.maxMessageBytes;
    },
    tooManyRecipients: ({ context }) =>
      context.config.maxRecipients !== null && context.rcpts.length >= context.config.maxRecipients,
    rcptRefused: ({ context, event }) =>
      rcptDecision(context.config, qualify(context, (event as CommandEvent).path?.address ?? ''), context.clientIp, false) !==
      'ok',
    hasHelo: ({ context }) => context.helo !== null,
    endOfData: ({ event }) => event.type === 'client.line' && event.line === '.',
  },
  actions: {
    greet: emit(({ context }) => ({
      type: 'reply' as const,
      lines: renderReply(
        context.dialect.replies.greeting,
        values(context, { date: rfc5322Date(context.env.now(), context.config.utcOffsetMinutes) }),
      ),
      log: null,
    })),
    restartIdleTimer: enqueueActions(({ enqueue }) => {
      enqueue(cancel('idle'));
      enqueue(raise({ type: 'session.idleTimeout' }, { id: 'idle', delay: 'idle' }));
    }),
    dispatchCommand: raise(({ event }) => toCommandEvent((event as { line: string }).line)),
    replyLineTooLong: emit(({ context, event }) =>
      reply(context, 'lineTooLong', { verb: 'xxxx', rest: '', line: (event as { line: string }).line }),
    ),
    ehlo: enqueueActions(({ context, event, enqueue }) => {
      const cmd = event as CommandEvent;
      const lines = renderEhlo(
        context.dialect,
        { sizeLimited: context.config.maxMessageBytes !== null },
        values(context),
      );
      enqueue(assign({ helo: cmd.arg, mailFrom: null, rcpts: [] }));
      enqueue(
        emit({
          type: 'reply',
          lines,
          log: { method: 'EHLO', query: cmd.rest, status: 250, bytesSent: replyBytes(lines), bytesReceived: cmd.line.length, helo: cmd.arg },
        }),
      );
    }),
    helo: enqueueActions(({ context, event, enqueue }) => {
      const cmd = event as CommandEvent;
      const r = reply(context, 'heloOk', cmd) as { type: 'reply'; lines: string[]; log: ReplyLog };
      enqueue(assign({ helo: cmd.arg, mailFrom: null, rcpts: [] }));
      enqueue(emit({ ...r, log: { ...r.log, helo: cmd.arg } }));
    }),
    /** Reply with one of the dialect's texts, logged as the command that caused it. */
    replyWith: emit(({ context, event }, params: { key: ReplyKey }) =>
      reply(context, params.key, event as CommandEvent),
    ),
    vrfy: emit(({ context, event }) =>
      reply(context, 'vrfy', event as CommandEvent, { address: qualify(context, (event as CommandEvent).arg) }),
    ),
    resetTransaction: assign({ mailFrom: null, rcpts: [] }),
    acceptSender: enqueueActions(({ context, event, enqueue }) => {
      const cmd = event as CommandEvent;
      const address = qualify(context, cmd.path?.address ?? '');
      enqueue(assign({ mailFrom: address, rcpts: [] }));
      enqueue(emit(reply(context, 'mailOk', cmd, { address })));
    }),
    refuseRecipient: emit(({ context, event }) => {
      const cmd = event as CommandEvent;
      const address = qualify(context, cmd.path?.address ?? '');
      const decision = rcptDecision(context.config, address, context.clientIp, false);
      return reply(context, decision === 'unknownUser' ? 'unknownUser' : 'relayDenied', cmd, { address });
    }),
    acceptRecipient: enqueueActions(({ context, event, enqueue }) => {
      const cmd = event as CommandEvent;
      const address = qualify(context, cmd.path?.address ?? '');
      enqueue(assign({ rcpts: [...context.rcpts, address] }));
      enqueue(emit(reply(context, 'rcptOk', cmd, { address })));
    }),
    startData: enqueueActions(({ context, enqueue }) => {
      const lines = renderReply(context.dialect.replies.dataGo, values(context));
      enqueue(assign({ data: { lines: [], bytes: 0, tooLong: false }, pendingDataBytes: replyBytes(lines) }));
      enqueue(emit({ type: 'reply', lines, log: null }));
    }),
    /** Buffer one message line; RFC 5321 §4.5.2: strip one leading dot. Mutates for speed (hot path). */
    appendData: ({ context, event }) => {
      const line = (event as { line: string }).line;
      const text = line.startsWith('.') ? line.slice(1) : line;
      if (line.length > MAX_TEXT_LINE) context.data.tooLong = true;
      context.data.lines.push(text);
      context.data.bytes += text.length + 2;
    },
    finishData: enqueueActions(({ context, enqueue }) => {
      const { config, env, dialect } = context;
      const size = context.data.bytes;
      const cmd = { verb: 'DATA', rest: '', line: '' };
      if (config.maxMessageBytes !== null && size > config.maxMessageBytes) {
        const r = reply(context, 'tooBig', cmd) as { type: 'reply'; lines: string[]; log: ReplyLog };
        enqueue(emit({ ...r, log: { ...r.log, bytesSent: r.log.bytesSent + context.pendingDataBytes, bytesReceived: size } }));
      } else {
        const queueId = env.newQueueId(dialect.queueIdStyle, config.fqdn, config.computerName);
        const now = env.now();
        const data = stampHeaders({
          dialect,
          data: context.data.lines.join('\r\n') + '\r\n',
          helo: context.helo ?? '',
          clientIp: context.clientIp,
          fqdn: config.fqdn,
          version: config.version,
          queueId,
          now,
          utcOffsetMinutes: config.utcOffsetMinutes,
        });
        const message: AcceptedMessage = {
          from: context.mailFrom ?? '',
          to: context.rcpts,
          data,
          size: data.length,
          helo: context.helo ?? '',
          clientIp: context.clientIp,
          queueId,
          receivedAt: now,
        };
        enqueue(emit({ type: 'message', message }));
        const r = reply(context, 'queued', cmd, { queueId }) as { type: 'reply'; lines: string[]; log: ReplyLog };
        enqueue(
          emit({
            ...r,
            log: { ...r.log, query: dialect.queueIdStyle === 'iis' ? queueId : '', bytesSent: r.log.bytesSent + context.pendingDataBytes, bytesReceived: size },
          }),
        );
        enqueue(assign({ messagesAccepted: context.messagesAccepted + 1 }));
      }
      enqueue(assign({ mailFrom: null, rcpts: [], data: { lines: [], bytes: 0, tooLong: false }, pendingDataBytes: 0 }));
    }),
    quit: enqueueActions(({ context, event, enqueue }) => {
      enqueue(emit(reply(context, 'quit', event as CommandEvent)));
      enqueue(emit({ type: 'closed', reason: 'quit' }));
    }),
    timedOut: enqueueActions(({ context, enqueue }) => {
      enqueue(emit(reply(context, 'idleTimeout', null)));
      enqueue(emit({ type: 'closed', reason: 'timeout' }));
    }),
    clientClosed: emit({ type: 'closed', reason: 'client' }),
    stopIdleTimer: cancel('idle'),
  },
}).createMachine({
  id: 'smtpSession',
  context: ({ input }) => ({
    ...input,
    helo: null,
    mailFrom: null,
    rcpts: [],
    data: { lines: [], bytes: 0, tooLong: false },
    pendingDataBytes: 0,
    messagesAccepted: 0,
  }),
  entry: ['greet', 'restartIdleTimer'],
  initial: 'command',
  on: {
    'client.close': { target: '.closed', actions: 'clientClosed' },
    'session.idleTimeout': { target: '.closed', actions: 'timedOut' },
  },
  states: {
    command: {
      description: 'Waiting for the next command line.',
      initial: 'awaitingHelo',
      on: {
        'client.line': [
          { guard: 'lineTooLong', actions: ['restartIdleTimer', 'replyLineTooLong'] },
          { actions: ['restartIdleTimer', 'dispatchCommand'] },
        ],
        'cmd.EHLO': [
          { guard: 'noArgument', actions: { type: 'replyWith', params: { key: 'argumentMissing' } } },
          { guard: 'badDomainArgument', actions: { type: 'replyWith', params: { key: 'invalidDomain' } } },
          { target: '.greeted', actions: 'ehlo' },
        ],
        'cmd.HELO': [
          { guard: 'noArgument', actions: { type: 'replyWith', params: { key: 'argumentMissing' } } },
          { guard: 'badDomainArgument', actions: { type: 'replyWith', params: { key: 'invalidDomain' } } },
          { target: '.greeted', actions: 'helo' },
        ],
        'cmd.RSET': [
          { guard: 'hasHelo', target: '.greeted', actions: ['resetTransaction', { type: 'replyWith', params: { key: 'rset' } }] },
          { actions: ['resetTransaction', { type: 'replyWith', params: { key: 'rset' } }] },
        ],
        'cmd.NOOP': { actions: { type: 'replyWith', params: { key: 'noop' } } },
        'cmd.HELP': { actions: { type: 'replyWith', params: { key: 'help' } } },
        'cmd.VRFY': [{ guard: 'noArgument', actions: { type: 'replyWith', params: { key: 'argumentMissing' } } }, { actions: 'vrfy' }],
        'cmd.QUIT': { target: '#smtpSession.closed', actions: 'quit' },
        'cmd.unknown': { actions: { type: 'replyWith', params: { key: 'unknownCommand' } } },
      },
      states: {
        awaitingHelo: {
          on: {
            'cmd.MAIL': { actions: { type: 'replyWith', params: { key: 'needHelo' } } },
            'cmd.RCPT': { actions: { type: 'replyWith', params: { key: 'needHelo' } } },
            'cmd.DATA': { actions: { type: 'replyWith', params: { key: 'needHelo' } } },
          },
        },
        greeted: {
          on: {
            'cmd.MAIL': [
              { guard: 'badPath', actions: { type: 'replyWith', params: { key: 'invalidAddress' } } },
              { guard: 'declaredTooBig', actions: { type: 'replyWith', params: { key: 'tooBigAtMail' } } },
              { target: 'mail', actions: 'acceptSender' },
            ],
            'cmd.RCPT': { actions: { type: 'replyWith', params: { key: 'needMail' } } },
            'cmd.DATA': { actions: { type: 'replyWith', params: { key: 'needMail' } } },
          },
        },
        mail: {
          description: 'MAIL accepted, no recipient yet.',
          on: {
            'cmd.MAIL': { actions: { type: 'replyWith', params: { key: 'senderAlreadySpecified' } } },
            'cmd.RCPT': [
              { guard: 'badPath', actions: { type: 'replyWith', params: { key: 'invalidAddress' } } },
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { target: 'rcpt', actions: 'acceptRecipient' },
            ],
            'cmd.DATA': { actions: { type: 'replyWith', params: { key: 'needRcpt' } } },
          },
        },
        rcpt: {
          description: 'At least one recipient accepted: DATA is legal.',
          on: {
            'cmd.MAIL': { actions: { type: 'replyWith', params: { key: 'senderAlreadySpecified' } } },
            'cmd.RCPT': [
              { guard: 'badPath', actions: { type: 'replyWith', params: { key: 'invalidAddress' } } },
              { guard: 'tooManyRecipients', actions: { type: 'replyWith', params: { key: 'tooManyRecipients' } } },
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { actions: 'acceptRecipient' },
            ],
            'cmd.DATA': [
              { guard: 'hasArgument', actions: { type: 'replyWith', params: { key: 'noArgumentsAllowed' } } },
              { target: '#smtpSession.data', actions: 'startData' },
            ],
          },
        },
      },
    },
    data: {
      description: 'Receiving message text until a line holding only a dot (RFC 5321 §4.1.1.4).',
      on: {
        'client.line': [
          { guard: 'endOfData', target: 'command.greeted', actions: ['restartIdleTimer', 'finishData'] },
          { actions: ['restartIdleTimer', 'appendData'] },
        ],
      },
    },
    closed: { type: 'final', entry: 'stopIdleTimer' },
  },
});
