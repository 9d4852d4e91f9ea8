/**
 * The session machine's side of a remote receiver's policy (receiverPolicy.ts): ask the world's
 * `env.policy` once per command and stage, and turn a refusal into a reply. The verdict is cached
 * per event, because the guard that asks and the action that answers see the same event, and a
 * check with memory (greylisting, rate limits) must count a command once.
 */
import { renderReply } from './dialect';
import type { PolicyStage, PolicyVerdict } from './receiverPolicy';
import { dataGoBytes, qualify, replyBytes } from './sessionReplies';
import type { LineEvent, SessionContext, SessionEmitted, SessionEvent } from './sessionTypes';

/**
 * The last verdict, with the input it was made for: the event, the session and its input count
 * (the same event object sent twice is two commands). The guards and the action of one transition
 * ask one after the other, so one slot is enough (no WeakMap entry per command).
 */
let last: {
  event: object | null;
  ctx: SessionContext | null;
  input: number;
  stage: PolicyStage | null;
  verdict: PolicyVerdict | null;
} = { event: null, ctx: null, input: -1, stage: null, verdict: null };

export function policyVerdict(
  ctx: SessionContext,
  event: SessionEvent,
  stage: PolicyStage,
): PolicyVerdict | null {
  if (!ctx.env.policy) return null;
  const input = ctx.activity.inputs;
  if (last.event === event && last.ctx === ctx && last.input === input && last.stage === stage)
    return last.verdict;
  const cmd = event as Partial<LineEvent>;
  const address = qualify(ctx, cmd.path?.address ?? '');
  const verdict = ctx.env.policy(stage, {
    clientIp: ctx.clientIp,
    helo: stage === 'helo' ? (cmd.arg ?? null) : ctx.helo,
    mailFrom: stage === 'mail' ? address : ctx.mailFrom,
    rcpt: stage === 'rcpt' ? address : null,
    rcpts: ctx.rcpts,
    tls: ctx.tls.secure,
    authenticated: ctx.auth.user !== null,
  });
  last = { event, ctx, input, stage, verdict };
  return verdict;
}

/** The refusal as a reply, logged as the command it answers (`DATA` at end of data, with its sizes). */
export function policyReply(
  ctx: SessionContext,
  event: SessionEvent,
  stage: PolicyStage,
): SessionEmitted & { type: 'reply' } {
  const v = policyVerdict(ctx, event, stage) as PolicyVerdict;
  const lines = renderReply({ code: v.code, lines: v.lines }, {});
  const cmd = event as Partial<LineEvent> & { line: string };
  const data = stage === 'data';
  return {
    type: 'reply',
    lines,
    log: {
      method: data ? 'DATA' : (cmd.verb ?? ''),
      query: data ? '' : (cmd.rest ?? ''),
      status: v.code,
      bytesSent: replyBytes(lines) + (data ? dataGoBytes(ctx) : 0),
      bytesReceived: data ? ctx.data.bytes : cmd.line.length,
      helo: stage === 'helo' ? (cmd.arg ?? null) : ctx.helo,
    },
  };
}
