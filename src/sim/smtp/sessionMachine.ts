/**
 * One SMTP server session (RFC 5321 server side). IIS and every remote receiver run this same
 * machine; their differences are the `config` (policy) and the `dialect` (texts).
 *
 * Each client line is parsed once and re-raised as a `cmd.<VERB>` event, so the states below read
 * as a table: which command is legal where, and what happens otherwise (RFC 5321 §4.1.4, §4.3.2).
 * Sub-flows with their own line discipline are explicit states: `data` (RFC 5321 §4.1.1.4),
 * `chunk` (BDAT, RFC 3030) and `auth` (RFC 4954). Policy lives in policy.ts, authFlow.ts and
 * sessionMessage.ts; texts in the dialect. Guards and actions: sessionSetup.ts.
 */
import { and, not } from 'xstate';
import { policyAt, say, sessionSetup } from './sessionSetup';
import { authState } from './authStates';
import { initialContext } from './sessionTypes';

export type * from './sessionTypes';

export const sessionMachine = sessionSetup.createMachine({
  id: 'smtpSession',
  context: ({ input }) => initialContext(input),
  initial: 'opening',
  on: {
    'client.close': { target: '.closed', actions: 'clientClosed' },
    'session.idleTimeout': { target: '.closed', actions: 'timedOut' },
  },
  states: {
    opening: {
      description:
        'The TCP connection was accepted: refuse it (connection control, pause, limit) or greet.',
      always: [
        { guard: 'connectionDenied', target: 'closed', actions: 'refuseConnection' },
        { guard: 'notAdmitted', target: 'closed', actions: 'refuseAdmission' },
        { target: 'command', actions: ['greet', 'restartIdleTimer'] },
      ],
    },
    command: {
      description: 'Waiting for the next command line.',
      initial: 'awaitingHelo',
      on: {
        'client.line': [
          { guard: 'lineTooLong', actions: ['restartIdleTimer', 'replyLineTooLong'] },
          {
            guard: 'needsStartTlsForChunk',
            target: 'chunk',
            actions: [
              'restartIdleTimer',
              { type: 'beginChunk', params: { discard: 'tlsRequired' } },
            ],
          },
          { guard: 'needsStartTls', actions: ['restartIdleTimer', say('tlsRequired')] },
          { actions: ['restartIdleTimer', 'dispatchCommand'] },
        ],
        'cmd.EHLO': [
          { guard: 'noArgument', actions: say('argumentMissing') },
          { guard: 'badDomainArgument', actions: say('invalidDomain') },
          ...policyAt('helo'),
          { target: '.greeted', actions: 'ehlo' },
        ],
        'cmd.HELO': [
          { guard: 'noArgument', actions: say('argumentMissing') },
          { guard: 'badDomainArgument', actions: say('invalidDomain') },
          ...policyAt('helo'),
          { target: '.greeted', actions: 'helo' },
        ],
        'cmd.RSET': [
          { guard: 'hasHelo', target: '.greeted', actions: ['resetTransaction', say('rset')] },
          { actions: ['resetTransaction', say('rset')] },
        ],
        'cmd.NOOP': { actions: say('noop') },
        'cmd.HELP': { actions: say('help') },
        'cmd.VRFY': [
          { guard: 'badVrfyArgument', actions: say('argumentMissing') },
          { actions: 'vrfy' },
        ],
        'cmd.EXPN': { actions: say('expn') },
        'cmd.TURN': { actions: say('turn') },
        'cmd.ETRN': [
          { guard: not('hasHelo'), actions: say('needHelo') },
          { guard: 'inTransaction', actions: say('transactionInProgress') },
          { guard: 'badEtrnArgument', actions: say('etrnSyntax') },
          { actions: 'etrn' },
        ],
        'cmd.STARTTLS': [
          { guard: 'hasArgument', actions: say('noArgumentsAllowed') },
          { guard: 'tlsActive', actions: say('startTlsAlreadyActive') },
          { guard: 'noCertificate', actions: say('startTlsUnavailable') },
          { guard: 'inTransaction', actions: say('transactionInProgress') },
          { target: '.awaitingHelo', actions: 'startTls' },
        ],
        'cmd.AUTH': [
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
        'cmd.QUIT': { target: '#smtpSession.closed', actions: 'quit' },
        'cmd.unknown': { actions: say('unknownCommand') },
      },
      states: {
        awaitingHelo: {
          on: {
            'cmd.MAIL': { actions: say('needHelo') },
            'cmd.RCPT': { actions: say('needHelo') },
            'cmd.DATA': { actions: say('needHelo') },
            'cmd.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needHelo' } },
              },
            ],
          },
        },
        greeted: {
          on: {
            'cmd.MAIL': [
              { guard: 'mustAuthenticate', actions: say('authRequired') },
              { guard: 'badPath', actions: say('invalidAddress') },
              { guard: 'declaredTooBig', actions: say('tooBigAtMail') },
              ...policyAt('mail'),
              { target: 'mail', actions: 'acceptSender' },
            ],
            'cmd.RCPT': [
              { guard: 'mustAuthenticate', actions: say('authRequired') },
              { actions: say('needMail') },
            ],
            'cmd.DATA': { actions: say('needMail') },
            'cmd.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needMail' } },
              },
            ],
          },
        },
        mail: {
          description: 'MAIL accepted, no recipient yet.',
          on: {
            'cmd.MAIL': { actions: say('senderAlreadySpecified') },
            'cmd.RCPT': [
              { guard: 'badPath', actions: say('invalidAddress') },
              ...policyAt('rcpt'),
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { target: 'rcpt', actions: 'acceptRecipient' },
            ],
            'cmd.DATA': { actions: say('needRcpt') },
            'cmd.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: 'needRcpt' } },
              },
            ],
          },
        },
        rcpt: {
          description: 'At least one recipient accepted: DATA or BDAT is legal.',
          on: {
            'cmd.MAIL': { actions: say('senderAlreadySpecified') },
            'cmd.RCPT': [
              { guard: 'badPath', actions: say('invalidAddress') },
              { guard: 'tooManyRecipients', actions: say('tooManyRecipients') },
              ...policyAt('rcpt'),
              { guard: 'rcptRefused', actions: 'refuseRecipient' },
              { actions: 'acceptRecipient' },
            ],
            'cmd.DATA': [
              { guard: 'hasArgument', actions: say('noArgumentsAllowed') },
              { target: '#smtpSession.data', actions: 'startData' },
            ],
            'cmd.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: null } },
              },
            ],
          },
        },
        chunking: {
          description:
            'BDAT chunks received, LAST not yet: only more BDAT (or RSET) continues (RFC 3030 §2).',
          on: {
            'cmd.MAIL': { actions: say('senderAlreadySpecified') },
            'cmd.RCPT': { actions: say('bdatInProgress') },
            'cmd.DATA': { actions: say('bdatInProgress') },
            'cmd.BDAT': [
              { guard: 'bdatSyntaxError', actions: say('bdatSyntax') },
              {
                target: '#smtpSession.chunk',
                actions: { type: 'beginChunk', params: { discard: null } },
              },
            ],
          },
        },
        hist: { type: 'history' },
      },
    },
    data: {
      description: 'Receiving message text until a line holding only a dot (RFC 5321 §4.1.1.4).',
      on: {
        'client.line': [
          {
            guard: and(['endOfData', 'sessionTooBig']),
            target: 'closed',
            actions: ['restartIdleTimer', 'refuseSessionTooBig'],
          },
          {
            guard: and(['endOfData', 'messageRefused']),
            target: 'command.greeted',
            actions: ['restartIdleTimer', 'refuseMessage'],
          },
          {
            guard: 'endOfData',
            target: 'command.greeted',
            actions: ['restartIdleTimer', 'finishMessage'],
          },
          { actions: ['restartIdleTimer', 'appendData'] },
        ],
        'client.data': { actions: ['restartIdleTimer', 'appendLines', 'endOfText'] },
      },
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
      on: { 'client.line': { actions: ['restartIdleTimer', 'consumeChunk'] } },
    },
    auth: authState,
    closed: { type: 'final', entry: 'stopIdleTimer' },
  },
});
