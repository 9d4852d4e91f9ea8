/**
 * One SMTP server session (RFC 5321 server side). IIS and every remote receiver run this same
 * machine; their differences are the `config` (policy) and the `dialect` (texts).
 *
 * Each client line arrives typed by its first word (`line.MAIL`, `lineEvent` in sessionReplies.ts),
 * so the states below read as a table: which command is legal where, and what happens otherwise
 * (RFC 5321 §4.1.4, §4.3.2). Sub-flows with their own line discipline are explicit states that take
 * `line.*`: `data` (RFC 5321 §4.1.1.4), `chunk` (BDAT, RFC 3030) and `auth` (RFC 4954). Rules for
 * every line (idle timer, TLS required) are added by sessionTables.ts. Policy lives in policy.ts,
 * authFlow.ts and sessionMessage.ts; texts in the dialect. Guards and actions: sessionSetup.ts.
 *
 * The connection time-out is one timer per session: each line only notes its time, and when the
 * timer fires it closes the session or waits for the rest of the time-out (`session.idleCheck`).
 */
import { and, not } from 'xstate';
import { policyAt, say, sessionSetup } from './sessionSetup';
import { authState } from './authStates';
import { commandHandlers, lineHandlers } from './sessionTables';
import { initialContext } from './sessionTypes';

export type * from './sessionTypes';

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
        { target: 'command', actions: ['greet', 'armIdleTimer'] },
      ],
    },
    command: {
      description: 'Waiting for the next command line.',
      initial: 'awaitingHelo',
      on: commandHandlers({
        'line.tooLong': { actions: 'replyLineTooLong' },
        'line.EHLO': [
          { guard: 'noArgument', actions: say('argumentMissing') },
          { guard: 'badDomainArgument', actions: say('invalidDomain') },
          ...policyAt('helo'),
          { target: '.greeted', actions: ['replyEhlo', 'storeHelo'] },
        ],
        'line.HELO': [
          { guard: 'noArgument', actions: say('argumentMissing') },
          { guard: 'badDomainArgument', actions: say('invalidDomain') },
          ...policyAt('helo'),
          { target: '.greeted', actions: 'helo' },
        ],
        'line.RSET': [
          { guard: 'hasHelo', target: '.greeted', actions: ['resetTransaction', say('rset')] },
          { actions: ['resetTransaction', say('rset')] },
        ],
        'line.NOOP': { actions: say('noop') },
        'line.HELP': { actions: say('help') },
        'line.VRFY': [
          { guard: 'badVrfyArgument', actions: say('argumentMissing') },
          { actions: 'vrfy' },
        ],
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
          { target: '.awaitingHelo', actions: 'startTls' },
        ],
        'line.AUTH': [
          { guard: 'authRefused', actions: 'refuseAuth' },
          ...(
            [
              'loginUser',
              'loginPassword',
              'ntlmNegotiate',
              'ntlmAuthenticate',
              'gssapiToken',
            ] as const
          ).map((step) => ({
            guard: { type: 'authStep' as const, params: { step } },
            target: `#smtpSession.auth.${step}`,
            actions: 'beginAuth' as const,
          })),
        ],
        'line.QUIT': { target: '#smtpSession.closed', actions: [say('quit'), 'closedByQuit'] },
        'line.unknown': { actions: say('unknownCommand') },
      }),
      states: {
        awaitingHelo: {
          on: commandHandlers({
            'line.MAIL': { actions: say('needHelo') },
            'line.RCPT': { actions: say('needHelo') },
            'line.DATA': { actions: say('needHelo') },
            'line.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needHelo' } },
              },
            ],
          }),
        },
        greeted: {
          on: commandHandlers({
            'line.MAIL': [
              { guard: 'mustAuthenticate', actions: say('authRequired') },
              { guard: 'badPath', actions: say('invalidAddress') },
              { guard: 'declaredTooBig', actions: say('tooBigAtMail') },
              ...policyAt('mail'),
              { target: 'mail', actions: ['storeSender', 'replyMailOk'] },
            ],
            'line.RCPT': [
              { guard: 'mustAuthenticate', actions: say('authRequired') },
              { actions: say('needMail') },
            ],
            'line.DATA': { actions: say('needMail') },
            'line.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needMail' } },
              },
            ],
          }),
        },
        mail: {
          description: 'MAIL accepted, no recipient yet.',
          on: commandHandlers({
            'line.MAIL': { actions: say('senderAlreadySpecified') },
            'line.RCPT': [
              { guard: 'badPath', actions: say('invalidAddress') },
              ...policyAt('rcpt'),
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { target: 'rcpt', actions: ['storeRecipient', 'replyRcptOk'] },
            ],
            'line.DATA': { actions: say('needRcpt') },
            'line.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needRcpt' } },
              },
            ],
          }),
        },
        rcpt: {
          description: 'At least one recipient accepted: DATA or BDAT is legal.',
          on: commandHandlers({
            'line.MAIL': { actions: say('senderAlreadySpecified') },
            'line.RCPT': [
              { guard: 'badPath', actions: say('invalidAddress') },
              { guard: 'tooManyRecipients', actions: say('tooManyRecipients') },
              ...policyAt('rcpt'),
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { actions: ['storeRecipient', 'replyRcptOk'] },
            ],
            'line.DATA': [
              { guard: 'hasArgument', actions: say('noArgumentsAllowed') },
              { target: '#smtpSession.data', actions: 'startData' },
            ],
            'line.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: null } },
              },
            ],
          }),
        },
        chunking: {
          description:
            'BDAT chunks received, LAST not yet: only more BDAT (or RSET) continues (RFC 3030 §2).',
          on: commandHandlers({
            'line.MAIL': { actions: say('senderAlreadySpecified') },
            'line.RCPT': { actions: say('bdatInProgress') },
            'line.DATA': { actions: say('bdatInProgress') },
            'line.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: null } },
              },
            ],
          }),
        },
        hist: { type: 'history' },
      },
    },
    data: {
      description: 'Receiving message text until a line holding only a dot (RFC 5321 §4.1.1.4).',
      on: lineHandlers({
        'line.*': [
          {
            guard: and(['endOfData', 'sessionTooBig']),
            target: 'closed',
            actions: 'refuseSessionTooBig',
          },
          {
            guard: and(['endOfData', 'messageRefused']),
            target: 'command.greeted',
            actions: 'refuseMessage',
          },
          { guard: 'endOfData', target: 'command.greeted', actions: 'finishMessage' },
          { actions: 'appendData' },
        ],
        // The whole text and its end at once (`SmtpConnection.sendText`): the end-of-data path above
        // in one transition. `appendText` is a plain action, run as it comes, so the actions after
        // it see the text; the guards count it themselves.
        'client.data': [
          {
            guard: 'sessionTooBig',
            target: 'closed',
            actions: ['appendText', 'refuseSessionTooBig'],
          },
          {
            guard: 'messageRefused',
            target: 'command.greeted',
            actions: ['appendText', 'refuseMessage'],
          },
          { target: 'command.greeted', actions: ['appendText', 'finishMessage'] },
        ],
      }),
    },
    chunk: {
      description:
        'Reading the octets of one BDAT chunk; no dot-stuffing, no end marker (RFC 3030 §2).',
      always: [
        {
          guard: and(['chunkComplete', 'discarding']),
          target: 'command.hist',
          actions: 'replyDiscarded',
        },
        {
          guard: and(['chunkComplete', 'lastChunk', 'sessionTooBig']),
          target: 'closed',
          actions: 'refuseSessionTooBig',
        },
        {
          guard: and(['chunkComplete', 'lastChunk']),
          target: 'command.greeted',
          actions: 'finishMessage',
        },
        { guard: 'chunkComplete', target: 'command.chunking', actions: 'replyChunkOk' },
      ],
      on: lineHandlers({ 'line.*': { actions: 'consumeChunk' } }),
    },
    auth: authState,
    closed: { type: 'final', entry: 'stopIdleTimer' },
  },
});

export { lineEvent } from './sessionReplies';
