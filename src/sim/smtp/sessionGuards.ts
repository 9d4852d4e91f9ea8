/**
 * The questions the SMTP session machine asks (sessionMachine.ts, authStates.ts): each only reads
 * the context and the event, and asks policy.ts, authFlow.ts, sessionMessage.ts or
 * sessionPolicy.ts. Named here, wired in sessionSetup.ts.
 */
import { isValidDomain, parseBdatArgument, parseVrfyArgument } from './commands';
import { connectionAllowed, rcptDecision } from './policy';
import {
  authLineProblem,
  authStart,
  loginAccount,
  ntlmAccount,
  ntlmNegotiate,
  type AuthStep,
} from './authFlow';
import { qualify } from './sessionReplies';
import { sessionLimitExceeded, textOf } from './sessionMessage';
import { policyVerdict } from './sessionPolicy';
import { idleExpired } from './sessionIdle';
import type { PolicyStage } from './receiverPolicy';
import {
  commandOf,
  lineOf,
  type CommandState,
  type SessionContext,
  type SessionEvent,
} from './sessionTypes';

interface GuardArgs {
  context: SessionContext;
  event: SessionEvent;
}

/** The BDAT command's size and LAST, or null when its argument is malformed (RFC 3030 §2). */
export const bdatOf = (event: SessionEvent) => parseBdatArgument(commandOf(event).arg);

/** RFC 3207 §4: "Requires TLS encryption" and the channel is still clear. */
const clearButTlsRequired = (context: SessionContext) =>
  context.config.tls.required && !context.tls.secure;

export const sessionGuards = {
  connectionDenied: ({ context }: GuardArgs) =>
    !connectionAllowed(context.config, context.clientIp, context.clientName),
  notAdmitted: ({ context }: GuardArgs) => context.admission !== 'accept',
  idleExpired: ({ context }: GuardArgs) => idleExpired(context),
  needsStartTls: ({ context }: GuardArgs) => clearButTlsRequired(context),
  /** A well-formed BDAT before STARTTLS: its chunk is read and dropped, then 530 (RFC 3030 §2). */
  needsStartTlsForChunk: ({ context, event }: GuardArgs) =>
    clearButTlsRequired(context) && bdatOf(event) !== null,
  hasArgument: ({ event }: GuardArgs) => commandOf(event).arg !== '',
  noArgument: ({ event }: GuardArgs) => commandOf(event).arg === '',
  badDomainArgument: ({ event }: GuardArgs) => !isValidDomain(commandOf(event).arg),
  badVrfyArgument: ({ event }: GuardArgs) => parseVrfyArgument(commandOf(event).arg) === null,
  /** RFC 1985: `ETRN [@|#]node`; the node must be a domain name. */
  badEtrnArgument: ({ event }: GuardArgs) =>
    !isValidDomain(commandOf(event).arg.replace(/^[@#]/, '')),
  badPath: ({ event }: GuardArgs) => commandOf(event).path === null,
  declaredTooBig: ({ context, event }: GuardArgs) => {
    const size = Number(commandOf(event).path?.params.SIZE ?? NaN);
    return context.config.maxMessageBytes !== null && size > context.config.maxMessageBytes;
  },
  /** "Limit number of recipients per message" reached (the first recipient is always read). */
  tooManyRecipients: ({ context }: GuardArgs) =>
    context.config.maxRecipients !== null &&
    context.rcpts.length > 0 &&
    context.rcpts.length >= context.config.maxRecipients,
  /** RFC 5321 §4.1.1.4: DATA (or BDAT) needs an accepted recipient. */
  noRecipient: ({ context }: GuardArgs) => context.rcpts.length === 0,
  rcptRefused: ({ context, event }: GuardArgs) =>
    rcptDecision(
      context.config,
      qualify(context, commandOf(event).path?.address ?? ''),
      context.clientIp,
      context.auth.user !== null,
      context.clientName,
    ) !== 'ok',
  hasHelo: ({ context }: GuardArgs) => context.helo !== null,
  inTransaction: ({ context }: GuardArgs) => context.mailFrom !== null,
  mustAuthenticate: ({ context }: GuardArgs) =>
    !context.config.auth.anonymous && context.auth.user === null,
  tlsActive: ({ context }: GuardArgs) => context.tls.secure,
  noCertificate: ({ context }: GuardArgs) => !context.config.tls.certificate,
  authRefused: ({ context, event }: GuardArgs) =>
    authStart(context, commandOf(event).arg).kind === 'refuse',
  // Params typed `unknown` (not `{ step }`): XState's enqueueActions typing rejects typed guard params.
  authStep: ({ context, event }: GuardArgs, p: unknown) => {
    const s = authStart(context, commandOf(event).arg);
    return s.kind === 'prompt' && s.step === (p as { step: AuthStep }).step;
  },
  authLineProblem: ({ event }: GuardArgs) => authLineProblem(lineOf(event)) !== null,
  loginValid: ({ context, event }: GuardArgs) => loginAccount(context, lineOf(event)) !== null,
  ntlmNegotiateOk: ({ context, event }: GuardArgs) =>
    ntlmNegotiate(context, lineOf(event)).kind === 'challenge',
  ntlmValid: ({ context, event }: GuardArgs) => ntlmAccount(context, lineOf(event)) !== null,
  endOfData: ({ event }: GuardArgs) => lineOf(event) === '.',
  /** Counts the text a `client.data` event brings with it (appended by its transition's actions). */
  sessionTooBig: ({ context, event }: GuardArgs) =>
    sessionLimitExceeded(context, event.type === 'client.data' ? textOf(event).length : 0),
  bdatSyntaxError: ({ event }: GuardArgs) => bdatOf(event) === null,
  chunkComplete: ({ context }: GuardArgs) => context.bdat.remaining === 0,
  /** The chunk of a refused BDAT, which came from the state `from` (sessionMachine.ts `bdat`). */
  discardingFrom: ({ context }: GuardArgs, p: unknown) =>
    context.bdat.discard !== null && context.bdat.from === (p as { from: CommandState }).from,
  lastChunk: ({ context }: GuardArgs) => context.bdat.last,
  policyRefuses: ({ context, event }: GuardArgs, p: unknown) =>
    policyVerdict(context, event, (p as { stage: PolicyStage }).stage) !== null,
  policyCloses: ({ context, event }: GuardArgs, p: unknown) =>
    policyVerdict(context, event, (p as { stage: PolicyStage }).stage)?.close === true,
  messageRefused: ({ context, event }: GuardArgs) => policyVerdict(context, event, 'data') !== null,
};
