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
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.greeted',
            actions: 'authProblem',
          },
          {
            target: 'loginPassword',
            actions: ['storeLoginUser', say('authPassword')],
          },
        ],
      },
    },
    loginPassword: {
      on: {
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'loginValid',
            target: '#smtpSession.greeted',
            actions: { type: 'authSucceeded', params: { via: 'login' } },
          },
          { target: '#smtpSession.greeted', actions: 'authFailed' },
        ],
      },
    },
    ntlmNegotiate: {
      on: {
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'ntlmNegotiateOk',
            target: 'ntlmAuthenticate',
            actions: 'sendNtlmChallenge',
          },
          { target: '#smtpSession.greeted', actions: 'authFailed' },
        ],
      },
    },
    ntlmAuthenticate: {
      on: {
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.greeted',
            actions: 'authProblem',
          },
          {
            guard: 'ntlmValid',
            target: '#smtpSession.greeted',
            actions: { type: 'authSucceeded', params: { via: 'ntlm' } },
          },
          { target: '#smtpSession.greeted', actions: 'authFailed' },
        ],
      },
    },
    gssapiToken: {
      description: 'No Kerberos KDC exists in the simulated world, so every GSSAPI token fails.',
      on: {
        'line.*': [
          {
            guard: 'authLineProblem',
            target: '#smtpSession.greeted',
            actions: 'authProblem',
          },
          { target: '#smtpSession.greeted', actions: 'authFailed' },
        ],
      },
    },
  },
});
