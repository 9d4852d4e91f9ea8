/**
 * The session's idle timer: General › "Connection time-out" (reference §4.1; RFC 5321 §4.5.3.2).
 * One timer per session on the world's virtual clock. A client line only notes its time
 * (`noteActivity`, called by `sendToSession` for each line); when the timer fires the machine gets
 * `session.idleCheck` and either closes the session (the time-out has passed since the last line)
 * or arms the timer for the rest of it.
 *
 * Not XState's delayed events: its scheduler stamps each event with the real time and keeps
 * per-actor bookkeeping that cost about a tenth of a session's start (BENCHMARKS.md), and a session
 * needs no more than this one timer.
 */
import type { AnyActorRef } from 'xstate';
import type { SessionContext } from './sessionTypes';

/**
 * Client input arrived (a line or a DATA text), handled or not: as on a real connection, any input
 * restarts the time-out. It is also counted (`inputs`), which tells one command from the next.
 */
export function noteActivity(context: SessionContext): void {
  context.activity.lastLineAt = context.env.clock.now();
  context.activity.inputs++;
}

export function idleExpired(context: SessionContext): boolean {
  return (
    context.env.clock.now() - context.activity.lastLineAt >= context.config.connectionTimeoutMs
  );
}

export function armIdleTimer(context: SessionContext, self: AnyActorRef): void {
  const { clock } = context.env;
  const activity = context.activity;
  activity.timer = clock.setTimeout(
    () => {
      activity.timer = null;
      // A session stopped from outside (the world discarding it) has nothing left to time out.
      if (self.getSnapshot().status === 'active') self.send({ type: 'session.idleCheck' });
    },
    activity.lastLineAt + context.config.connectionTimeoutMs - clock.now(),
  );
}

export function stopIdleTimer(context: SessionContext): void {
  if (context.activity.timer === null) return;
  context.env.clock.clearTimeout(context.activity.timer);
  context.activity.timer = null;
}
