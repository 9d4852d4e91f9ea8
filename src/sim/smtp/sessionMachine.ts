/**
 * One SMTP server session (RFC 5321 server side). IIS and every remote receiver run this same
 * machine; their differences are the `config` (policy) and the `dialect` (texts).
 *
 * Each client line arrives typed by its first word (`line.MAIL`, `lineEvent` in sessionReplies.ts),
 * so the states below read as a table: which command is legal where, and what happens otherwise
 * (RFC 5321 §4.1.4, §4.3.2). Sub-flows with their own line discipline are explicit states that take
 * `line.*`: `data` (RFC 5321 §4.1.1.4), `chunk` (BDAT, RFC 3030) and `auth` (RFC 4954). The TLS
 * requirement for every command is added by sessionTables.ts. Policy lives in policy.ts,
 * authFlow.ts and sessionMessage.ts; texts in the dialect. Guards and actions: sessionSetup.ts.
 *
 * The connection time-out is one timer per session: each line only notes its time, and when the
 * timer fires it closes the session or waits for the rest of the time-out (`session.idleCheck`).
 * Lines reach the session through `sendToSession`, which notes their time.
 */
import { and, not, type Actor } from 'xstate';
import { policyAt, say, sessionSetup } from './sessionSetup';
import { authState } from './authStates';
import { commandHandlers } from './sessionTables';
import type { ReplyKey } from './dialect';
import { noteActivity } from './sessionIdle';
import {
  COMMAND_STATES,
  initialContext,
  type CommandState,
  type SessionEvent,
} from './sessionTypes';

export type * from './sessionTypes';

/**
 * Commands legal in every command state (RFC 5321 §4.1.4). Each command state adds its own MAIL,
 * RCPT, DATA and BDAT. The states are siblings rather than children of one `command` parent: a
 * flat chart costs XState less on every transition (BENCHMARKS.md).
 */
const anyCommand = {
  'line.tooLong': { actions: 'replyLineTooLong' },
  'line.EHLO': [
    { guard: 'noArgument', actions: say('argumentMissing') },
    { guard: 'badDomainArgument', actions: say('invalidDomain') },
    ...policyAt('helo'),
    { target: 'greeted', actions: ['replyEhlo', 'storeHelo'] },
  ],
  'line.HELO': [
    { guard: 'noArgument', actions: say('argumentMissing') },
    { guard: 'badDomainArgument', actions: say('invalidDomain') },
    ...policyAt('helo'),
    { target: 'greeted', actions: 'helo' },
  ],
  'line.RSET': [
    { guard: 'hasHelo', target: 'greeted', actions: ['resetTransaction', say('rset')] },
    { actions: ['resetTransaction', say('rset')] },
  ],
  'line.NOOP': { actions: say('noop') },
  'line.HELP': { actions: say('help') },
  'line.VRFY': [{ guard: 'badVrfyArgument', actions: say('argumentMissing') }, { actions: 'vrfy' }],
  'line.EXPN': { actions: say('expn') },
  'line.TURN': { actions: say('turn') },
  'line.ETRN': [
    { guard: not('hasHelo'), actions: say('needHelo') },
    { guard: 'inTransaction', actions: say('transactionInProgress') },
    { guard: 'badEtrnArgument', actions: say('etrnSyntax') },
    { actions: 'etrn' },
  ],
  'line.STARTTLS': [
    { guard: 'hasArgument', actions: say('noArgumentsAllowed') },
    { guard: 'tlsActive', actions: say('startTlsAlreadyActive') },
    { guard: 'noCertificate', actions: say('startTlsUnavailable') },
    { guard: 'inTransaction', actions: say('transactionInProgress') },
    { target: 'awaitingHelo', actions: 'startTls' },
  ],
  'line.AUTH': [
    { guard: 'authRefused', actions: 'refuseAuth' },
    ...(
      ['loginUser', 'loginPassword', 'ntlmNegotiate', 'ntlmAuthenticate', 'gssapiToken'] as const
    ).map((step) => ({
      guard: { type: 'authStep' as const, params: { step } },
      target: `auth.${step}` as const,
      actions: 'beginAuth' as const,
    })),
  ],
  'line.QUIT': { target: 'closed', actions: [say('quit'), 'closedByQuit'] },
  'line.unknown': { actions: say('unknownCommand') },
} as const;

/** BDAT from a command state: read its chunk, then answer `discard` (null: keep the text). */
const bdat = (from: CommandState, discard: ReplyKey | null) => [
  { guard: 'bdatSyntaxError', actions: say('bdatSyntax') } as const,
  { target: 'chunk', actions: { type: 'beginChunk', params: { discard, from } } } as const,
];

export const sessionMachine = sessionSetup.createMachine({
  id: 'smtpSession',
  context: ({ input }) => initialContext(input),
  initial: 'opening',
  on: {
    'client.close': { target: '.closed', actions: 'clientClosed' },
    'session.idleCheck': [
      { guard: 'idleExpired', target: '.closed', actions: 'timedOut' },
      { actions: 'armIdleTimer' },
    ],
  },
  states: {
    opening: {
      description:
        'The TCP connection was accepted: refuse it (connection control, pause, limit) or greet.',
      always: [
        { guard: 'connectionDenied', target: 'closed', actions: 'refuseConnection' },
        { guard: 'notAdmitted', target: 'closed', actions: 'refuseAdmission' },
        { target: 'awaitingHelo', actions: ['greet', 'armIdleTimer'] },
      ],
    },
    awaitingHelo: {
      description: 'Greeted; no HELO/EHLO yet (or reset by STARTTLS).',
      on: commandHandlers('awaitingHelo', {
        ...anyCommand,
        'line.MAIL': { actions: say('needHelo') },
        'line.RCPT': { actions: say('needHelo') },
        'line.DATA': { actions: say('needHelo') },
        'line.BDAT': bdat('awaitingHelo', 'needHelo'),
      }),
    },
    greeted: {
      description: 'HELO/EHLO accepted, no transaction.',
      on: commandHandlers('greeted', {
        ...anyCommand,
        'line.MAIL': [
          { guard: 'mustAuthenticate', actions: say('authRequired') },
          { guard: 'badPath', actions: say('invalidAddress') },
          { guard: 'declaredTooBig', actions: say('tooBigAtMail') },
          ...policyAt('mail'),
          { target: 'transaction', actions: ['storeSender', 'replyMailOk'] },
        ],
        'line.RCPT': [
          { guard: 'mustAuthenticate', actions: say('authRequired') },
          { actions: say('needMail') },
        ],
        'line.DATA': { actions: say('needMail') },
        'line.BDAT': bdat('greeted', 'needMail'),
      }),
    },
    transaction: {
      description:
        'MAIL accepted: RCPT adds recipients; DATA or BDAT needs one at least (RFC 5321 §4.1.1.4).',
      on: commandHandlers('transaction', {
        ...anyCommand,
        'line.MAIL': { actions: say('senderAlreadySpecified') },
        'line.RCPT': [
          { guard: 'badPath', actions: say('invalidAddress') },
          { guard: 'tooManyRecipients', actions: say('tooManyRecipients') },
          ...policyAt('rcpt'),
          { guard: 'rcptRefused', actions: 'refuseRecipient' },
          { actions: ['storeRecipient', 'replyRcptOk'] },
        ],
        'line.DATA': [
          { guard: 'noRecipient', actions: say('needRcpt') },
          { guard: 'hasArgument', actions: say('noArgumentsAllowed') },
          { target: 'data', actions: 'startData' },
        ],
        'line.BDAT': [
          { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
          {
            guard: 'noRecipient',
            target: 'chunk',
            actions: { type: 'beginChunk', params: { discard: 'needRcpt', from: 'transaction' } },
          },
          {
            target: 'chunk',
            actions: { type: 'beginChunk', params: { discard: null, from: 'transaction' } },
          },
        ],
      }),
    },
    chunking: {
      description:
        'BDAT chunks received, LAST not yet: only more BDAT (or RSET) continues (RFC 3030 §2).',
      on: commandHandlers('chunking', {
        ...anyCommand,
        'line.MAIL': { actions: say('senderAlreadySpecified') },
        'line.RCPT': { actions: say('bdatInProgress') },
        'line.DATA': { actions: say('bdatInProgress') },
        'line.BDAT': bdat('chunking', null),
      }),
    },
    data: {
      description: 'Receiving message text until a line holding only a dot (RFC 5321 §4.1.1.4).',
      on: {
        'line.*': [
          {
            guard: and(['endOfData', 'sessionTooBig']),
            target: 'closed',
            actions: 'refuseSessionTooBig',
          },
          {
            guard: and(['endOfData', 'messageRefused']),
            target: 'greeted',
            actions: 'refuseMessage',
          },
          { guard: 'endOfData', target: 'greeted', actions: 'finishMessage' },
          { actions: 'appendData' },
        ],
        // The whole text and its end at once (`SmtpConnection.sendText`): the end-of-data path above
        // in one transition. The end-of-data actions add the event's text to the buffer first
        // (`takeText`); the guards count it themselves.
        'client.data': [
          { guard: 'sessionTooBig', target: 'closed', actions: 'refuseSessionTooBig' },
          { guard: 'messageRefused', target: 'greeted', actions: 'refuseMessage' },
          { target: 'greeted', actions: 'finishMessage' },
        ],
      },
    },
    chunk: {
      description:
        'Reading the octets of one BDAT chunk; no dot-stuffing, no end marker (RFC 3030 §2).',
      always: [
        // A refused BDAT's chunk is read and dropped; then the reply, in the state it came from.
        ...COMMAND_STATES.map((from) => ({
          guard: and(['chunkComplete', { type: 'discardingFrom' as const, params: { from } }]),
          target: from,
          actions: 'replyDiscarded' as const,
        })),
        {
          guard: and(['chunkComplete', 'lastChunk', 'sessionTooBig']),
          target: 'closed',
          actions: 'refuseSessionTooBig',
        },
        {
          guard: and(['chunkComplete', 'lastChunk']),
          target: 'greeted',
          actions: 'finishMessage',
        },
        { guard: 'chunkComplete', target: 'chunking', actions: 'replyChunkOk' },
      ],
      on: { 'line.*': { actions: 'consumeChunk' } },
    },
    auth: authState,
    closed: { type: 'final', entry: 'stopIdleTimer' },
  },
});

export { lineEvent } from './sessionReplies';

export type SessionActor = Actor<typeof sessionMachine>;

/**
 * The way events reach a session (SmtpConnection, tests). What the client sent (a line, a DATA
 * text) first restarts the connection time-out: the time of the last line is noted here, once,
 * rather than by an action on each of the chart's line transitions (an action costs XState about
 * as much as a guarded transition; BENCHMARKS.md).
 */
export function sendToSession(actor: SessionActor, event: SessionEvent): void {
  if (event.type !== 'client.close' && event.type !== 'session.idleCheck')
    noteActivity(actor.getSnapshot().context);
  actor.send(event);
}
