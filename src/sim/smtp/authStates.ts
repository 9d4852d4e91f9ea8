/**
 * The AUTH exchange (RFC 4954 §4) as explicit states: after a 334 challenge every client line is an
 * answer, not a command. In each step an over-long line, `*` (cancel) or bad base64 ends the
 * exchange first; the step then decides (authFlow.ts) and the session returns to `greeted`.
 */
import { say, sessionSetup } from './sessionSetup';

export const authState = sessionSetup.createStateConfig({
  description: 'An AUTH exchange: each client line answers the last 334 challenge (RFC 4954 §4).',
  initial: 'loginUser',
  states: {
    loginUser: {
      on: {
        'client.line': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', 'authProblem'],
          },
          {
            target: 'loginPassword',
            actions: ['restartIdleTimer', 'storeLoginUser', say('authPassword')],
          },
        ],
      },
    },
    loginPassword: {
      on: {
        'client.line': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', 'authProblem'],
          },
          {
            guard: 'loginValid',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', { type: 'authSucceeded', params: { via: 'login' } }],
          },
          { target: '#smtpSession.command.greeted', actions: ['restartIdleTimer', 'authFailed'] },
        ],
      },
    },
    ntlmNegotiate: {
      on: {
        'client.line': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', 'authProblem'],
          },
          {
            guard: 'ntlmNegotiateOk',
            target: 'ntlmAuthenticate',
            actions: ['restartIdleTimer', 'sendNtlmChallenge'],
          },
          { target: '#smtpSession.command.greeted', actions: ['restartIdleTimer', 'authFailed'] },
        ],
      },
    },
    ntlmAuthenticate: {
      on: {
        'client.line': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', 'authProblem'],
          },
          {
            guard: 'ntlmValid',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', { type: 'authSucceeded', params: { via: 'ntlm' } }],
          },
          { target: '#smtpSession.command.greeted', actions: ['restartIdleTimer', 'authFailed'] },
        ],
      },
    },
    gssapiToken: {
      description: 'No Kerberos KDC exists in the simulated world, so every GSSAPI token fails.',
      on: {
        'client.line': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: ['restartIdleTimer', 'authProblem'],
          },
          { target: '#smtpSession.command.greeted', actions: ['restartIdleTimer', 'authFailed'] },
        ],
      },
    },
  },
});
