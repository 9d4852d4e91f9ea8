/**
 * The AUTH exchange (RFC 4954 §4) as explicit states: after a 334 challenge every client line is an
 * answer, not a command. In each step an over-long line, `*` (cancel) or bad base64 ends the
 * exchange first; the step then decides (authFlow.ts) and the session returns to `greeted`.
 */
import { say, sessionSetup } from './sessionSetup';
import { lineHandlers } from './sessionTables';

export const authState = sessionSetup.createStateConfig({
  description: 'An AUTH exchange: each client line answers the last 334 challenge (RFC 4954 §4).',
  initial: 'loginUser',
  states: {
    loginUser: {
      on: lineHandlers({
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: 'authProblem',
          },
          {
            target: 'loginPassword',
            actions: ['storeLoginUser', say('authPassword')],
          },
        ],
      }),
    },
    loginPassword: {
      on: lineHandlers({
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'loginValid',
            target: '#smtpSession.command.greeted',
            actions: { type: 'authSucceeded', params: { via: 'login' } },
          },
          { target: '#smtpSession.command.greeted', actions: 'authFailed' },
        ],
      }),
    },
    ntlmNegotiate: {
      on: lineHandlers({
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'ntlmNegotiateOk',
            target: 'ntlmAuthenticate',
            actions: 'sendNtlmChallenge',
          },
          { target: '#smtpSession.command.greeted', actions: 'authFailed' },
        ],
      }),
    },
    ntlmAuthenticate: {
      on: lineHandlers({
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'ntlmValid',
            target: '#smtpSession.command.greeted',
            actions: { type: 'authSucceeded', params: { via: 'ntlm' } },
          },
          { target: '#smtpSession.command.greeted', actions: 'authFailed' },
        ],
      }),
    },
    gssapiToken: {
      description: 'No Kerberos KDC exists in the simulated world, so every GSSAPI token fails.',
      on: lineHandlers({
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.command.greeted',
            actions: 'authProblem',
          },
          { target: '#smtpSession.command.greeted', actions: 'authFailed' },
        ],
      }),
    },
  },
});
