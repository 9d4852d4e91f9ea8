/**
 * The named implementations of the SMTP session machine (STYLE.md §3): its types, the guards
 * (sessionGuards.ts) and the actions, which only render dialect texts (sessionReplies.ts) and
 * update the context. The states that use them are in sessionMachine.ts and authStates.ts.
 */
import { assign, emit, enqueueActions, raise, setup } from 'xstate';
import { parseVrfyArgument } from './commands';
import type { ReplyKey } from './dialect';
import { rcptDecision } from './policy';
import { renderReply } from './dialect';
import { textOfBase64 } from './base64';
import { authLineProblem, authStart, loginAccount, ntlmAccount, ntlmNegotiate } from './authFlow';
import {
  dataGoLines,
  dataLogged,
  ehloReply,
  greetingDate,
  lineEvent,
  qualify,
  reply,
} from './sessionReplies';
import {
  acceptedMessage,
  appendLine,
  messageTooBig,
  noTransaction,
  takeChunk,
  takeText,
} from './sessionMessage';
import { bdatOf, sessionGuards } from './sessionGuards';
import { policyReply, policyVerdict } from './sessionPolicy';
import { armIdleTimer, stopIdleTimer } from './sessionIdle';
import type { PolicyStage } from './receiverPolicy';
import {
  commandOf,
  lineOf,
  type CommandState,
  type PendingCommand,
  type SessionEmitted,
  type SessionEvent,
  type SessionInput,
  type SessionContext,
} from './sessionTypes';

export const say = (key: ReplyKey) => ({ type: 'replyWith', params: { key } }) as const;
/** A remote receiver's policy check (sessionPolicy.ts): refuse (and maybe hang up) at this stage. */
export const policyAt = (stage: PolicyStage) =>
  [
    {
      guard: { type: 'policyCloses', params: { stage } },
      target: '#smtpSession.closed',
      actions: { type: 'replyPolicy', params: { stage } },
    },
    {
      guard: { type: 'policyRefuses', params: { stage } },
      actions: { type: 'replyPolicy', params: { stage } },
    },
  ] as const;
const noAuthExchange = { mechanism: null, pendingUser: null, command: null };

export const sessionSetup = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    emitted: {} as SessionEmitted,
  },
  guards: sessionGuards,
  actions: {
    greet: emit(({ context }) => ({
      type: 'reply' as const,
      lines: renderReply(context.dialect.replies.greeting, context.replyValues, {
        date: greetingDate(context.env.clock.now(), context.config.utcOffsetMinutes),
      }),
      log: null,
    })),
    /** Connection control (reference §4.2): the dialect decides between a silent close and a 5xx. */
    refuseConnection: enqueueActions(({ context, enqueue }) => {
      if (context.dialect.connectionDenial === 'reply')
        enqueue(emit(reply(context, 'connectionDenied', null)));
      enqueue(emit({ type: 'closed', reason: 'server' }));
    }),
    refuseAdmission: enqueueActions(({ context, enqueue }) => {
      enqueue(
        emit(
          reply(
            context,
            context.admission === 'paused' ? 'serviceUnavailable' : 'tooManyConnections',
            null,
          ),
        ),
      );
      enqueue(emit({ type: 'closed', reason: 'server' }));
    }),
    armIdleTimer: ({ context, self }) => armIdleTimer(context, self),
    stopIdleTimer: ({ context }) => stopIdleTimer(context),
    replyLineTooLong: emit(({ context, event }) =>
      reply(context, 'lineTooLong', { verb: 'xxxx', rest: '', line: lineOf(event) }),
    ),
    /** Reply with one of the dialect's texts, logged as the command that caused it. */
    replyWith: emit(({ context, event }, params: { key: ReplyKey }) =>
      reply(context, params.key, commandOf(event)),
    ),
    // The hot paths (EHLO, MAIL, RCPT, end of data) write the context in place: an `assign` copies
    // the context and the whole snapshot (state value included), which was about a sixth of a
    // delivered message's cost, and an `enqueueActions` makes ten closures per use (BENCHMARKS.md).
    // A plain action runs as its turn comes, so the actions after it in the list (the reply) see
    // what it wrote, as after an `assign`. Nothing keeps a session's old snapshots; the model-based
    // test, which branches from one snapshot per event, gives each branch its own copy and runs the
    // plain actions (sessionModel.test.ts).
    replyEhlo: emit(({ context, event }) => ehloReply(context, commandOf(event))),
    storeHelo: ({ context, event }) => {
      Object.assign(context, { helo: commandOf(event).arg, ...noTransaction() });
    },
    helo: enqueueActions(({ context, event, enqueue }) => {
      const cmd = commandOf(event);
      const r = reply(context, 'heloOk', cmd);
      enqueue(emit({ ...r, log: r.log && { ...r.log, helo: cmd.arg } }));
      enqueue(assign({ helo: cmd.arg, ...noTransaction() }));
    }),
    vrfy: emit(({ context, event }) =>
      reply(context, 'vrfy', commandOf(event), {
        address: qualify(context, parseVrfyArgument(commandOf(event).arg) ?? ''),
      }),
    ),
    etrn: emit(({ context, event }) =>
      reply(context, 'etrnStarted', commandOf(event), {
        domain: commandOf(event).arg.replace(/^[@#]/, ''),
      }),
    ),
    resetTransaction: assign(noTransaction),
    storeSender: ({ context, event }) => {
      context.mailFrom = qualify(context, commandOf(event).path?.address ?? '');
      context.rcpts = [];
      context.data = { parts: [], bytes: 0 };
    },
    replyMailOk: emit(({ context, event }) =>
      reply(context, 'mailOk', commandOf(event), { address: context.mailFrom ?? '' }),
    ),
    refuseRecipient: emit(({ context, event }) => {
      const address = qualify(context, commandOf(event).path?.address ?? '');
      const decision = rcptDecision(
        context.config,
        address,
        context.clientIp,
        context.auth.user !== null,
        context.clientName,
      );
      return reply(
        context,
        decision === 'unknownUser' ? 'unknownUser' : 'relayDenied',
        commandOf(event),
        { address },
      );
    }),
    storeRecipient: ({ context, event }) => {
      context.rcpts = [...context.rcpts, qualify(context, commandOf(event).path?.address ?? '')];
    },
    replyRcptOk: emit(({ context, event }) =>
      reply(context, 'rcptOk', commandOf(event), { address: context.rcpts.at(-1) ?? '' }),
    ),
    /** RFC 3207 §4.2: after the handshake both sides forget everything, including AUTH. */
    startTls: enqueueActions(({ context, event, enqueue }) => {
      enqueue(emit(reply(context, 'startTlsReady', commandOf(event))));
      enqueue(
        assign({
          helo: null,
          ...noTransaction(),
          tls: { secure: true },
          auth: { user: null, ...noAuthExchange },
        }),
      );
    }),
    /** The 354; its bytes are logged with the final DATA reply (`dataGoBytes`). */
    startData: emit(({ context }) => ({
      type: 'reply' as const,
      lines: dataGoLines(context),
      log: null,
    })),
    /**
     * Buffer one message line, unstuffed. The text buffer is written in place (hot path: no context
     * copy per line); every transaction starts with a fresh buffer (`noTransaction`, `storeSender`).
     */
    appendData: ({ context, event }) => appendLine(context.data, lineOf(event)),
    /** End of DATA or BDAT LAST: size check, then the message is accepted (RFC 5321 §4.1.1.4). */
    finishMessage: enqueueActions(({ context, event, enqueue }) => {
      takeText(context, event);
      const cmd: PendingCommand = context.bdat.command ?? { verb: 'DATA', rest: '', line: '' };
      const sessionBytes = context.sessionBytes + context.data.bytes;
      if (messageTooBig(context)) {
        enqueue(emit(dataLogged(context, reply(context, 'tooBig', cmd))));
        enqueue(assign({ ...noTransaction(), sessionBytes }));
        return;
      }
      const message = acceptedMessage(context, context.data.parts.join(''));
      enqueue(emit({ type: 'message', message }));
      const queued = reply(context, 'queued', cmd, { queueId: message.queueId });
      const query = context.dialect.queueIdStyle === 'iis' ? message.queueId : '';
      enqueue(emit(dataLogged(context, queued, query)));
      Object.assign(context, {
        messagesAccepted: context.messagesAccepted + 1,
        ...noTransaction(),
        sessionBytes,
      });
    }),
    /** "Limit session size" exceeded: the reply, then the server closes (reference §3.4, §4.3). */
    refuseSessionTooBig: enqueueActions(({ context, event, enqueue }) => {
      takeText(context, event);
      enqueue(
        emit(
          reply(
            context,
            'sessionTooBig',
            context.bdat.command ?? { verb: 'DATA', rest: '', line: '' },
          ),
        ),
      );
      enqueue(emit({ type: 'closed', reason: 'server' }));
    }),
    /** BDAT accepted or to be discarded: remember the chunk size; `discard` = the reply owed after it. */
    beginChunk: assign(
      ({ context, event }, p: { discard: ReplyKey | null; from: CommandState }) => {
        const bdat = bdatOf(event) as { size: number; last: boolean };
        const cmd = commandOf(event);
        return {
          bdat: {
            remaining: bdat.size,
            last: bdat.last,
            discard: p.discard,
            from: p.from,
            command: { verb: 'BDAT', rest: cmd.rest, line: cmd.line },
          },
          // A continuation chunk keeps the text so far; a first chunk starts it.
          data: p.discard || context.bdat.command ? context.data : { parts: [], bytes: 0 },
        };
      },
    ),
    consumeChunk: enqueueActions(({ context, event, enqueue }) => {
      const piece = takeChunk(context.bdat.remaining, lineOf(event));
      if (!context.bdat.discard) context.data.parts.push(piece.data);
      const bytes = context.bdat.discard ? context.data.bytes : context.data.bytes + piece.bytes;
      enqueue(
        assign({
          bdat: { ...context.bdat, remaining: context.bdat.remaining - piece.bytes },
          data: { parts: context.data.parts, bytes },
        }),
      );
      // What follows the chunk boundary on the same line is the next command (RFC 3030 §2).
      if (piece.rest !== null) enqueue(raise(lineEvent(piece.rest)));
    }),
    replyDiscarded: enqueueActions(({ context, enqueue }) => {
      enqueue(emit(reply(context, context.bdat.discard as ReplyKey, context.bdat.command)));
      enqueue(
        assign({ bdat: { remaining: 0, last: false, discard: null, from: null, command: null } }),
      );
    }),
    replyChunkOk: emit(({ context }) =>
      reply(context, 'bdatChunkOk', context.bdat.command, { octets: context.data.bytes }),
    ),
    refuseAuth: emit(({ context, event }) => {
      const s = authStart(context, commandOf(event).arg);
      const cmd = commandOf(event);
      // As for an accepted AUTH, only the mechanism is logged (AUTH PLAIN's argument is a password).
      return reply(context, s.kind === 'refuse' ? s.key : 'authUnknownMechanism', {
        verb: 'AUTH',
        rest: ` ${cmd.arg.split(/\s+/)[0] ?? ''}`,
        line: cmd.line,
      });
    }),
    /** First prompt of an exchange; only the final AUTH reply is logged (no credentials in logs). */
    beginAuth: enqueueActions(({ context, event, enqueue }) => {
      const s = authStart(context, commandOf(event).arg);
      if (s.kind !== 'prompt') return;
      const cmd = commandOf(event);
      enqueue(emit(reply(context, s.key, null, { challenge: s.challenge })));
      // Logged as `AUTH +LOGIN`: an initial response (credentials) never reaches the log.
      const logged = { verb: 'AUTH', rest: ` ${cmd.arg.split(/\s+/)[0] ?? ''}`, line: cmd.line };
      enqueue(
        assign({
          auth: { user: null, mechanism: s.mechanism, pendingUser: s.pendingUser, command: logged },
        }),
      );
    }),
    authProblem: enqueueActions(({ context, event, enqueue }) => {
      enqueue(
        emit(reply(context, authLineProblem(lineOf(event)) ?? 'authFailed', context.auth.command)),
      );
      enqueue(assign({ auth: { user: null, ...noAuthExchange } }));
    }),
    storeLoginUser: assign({
      auth: ({ context, event }) => ({ ...context.auth, pendingUser: textOfBase64(lineOf(event)) }),
    }),
    sendNtlmChallenge: emit(({ context, event }) => {
      const n = ntlmNegotiate(context, lineOf(event));
      return reply(context, 'authChallenge', null, {
        challenge: n.kind === 'challenge' ? n.challenge : '',
      });
    }),
    authFailed: enqueueActions(({ context, enqueue }) => {
      enqueue(emit(reply(context, 'authFailed', context.auth.command)));
      enqueue(assign({ auth: { user: null, ...noAuthExchange } }));
    }),
    authSucceeded: enqueueActions(({ context, event, enqueue }, p: { via: 'login' | 'ntlm' }) => {
      const account =
        p.via === 'login'
          ? loginAccount(context, lineOf(event))
          : ntlmAccount(context, lineOf(event));
      enqueue(emit(reply(context, 'authOk', context.auth.command)));
      enqueue(assign({ auth: { user: account, ...noAuthExchange } }));
    }),
    closedByQuit: emit({ type: 'closed', reason: 'quit' }),
    timedOut: enqueueActions(({ context, enqueue }) => {
      enqueue(emit(reply(context, 'idleTimeout', null)));
      enqueue(emit({ type: 'closed', reason: 'timeout' }));
    }),
    replyPolicy: enqueueActions(({ context, event, enqueue }, p: unknown) => {
      const stage = (p as { stage: PolicyStage }).stage;
      enqueue(emit(policyReply(context, event, stage)));
      if (policyVerdict(context, event, stage)?.close)
        enqueue(emit({ type: 'closed', reason: 'server' }));
    }),
    /** The receiver refuses the message after reading it (e.g. SPF at Gmail, reference §9.2). */
    refuseMessage: enqueueActions(({ context, event, enqueue }) => {
      takeText(context, event);
      enqueue(emit(policyReply(context, event, 'data')));
      enqueue(
        assign({ ...noTransaction(), sessionBytes: context.sessionBytes + context.data.bytes }),
      );
    }),
    clientClosed: emit({ type: 'closed', reason: 'client' }),
  },
});
