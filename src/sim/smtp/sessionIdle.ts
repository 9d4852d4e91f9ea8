/**
 * The session's idle timer ("Connection time-out", reference §4.3; RFC 5321 §4.5.3.2): every
 * client line restarts it, and when it runs out the machine receives `session.idleTimeout`
 * (handled at its root, sessionMachine.ts).
 *
 * It used to be `cancel('idle')` plus a delayed `raise` on every line; going through XState's
 * scheduler twice per line was about 7 % of benchmark (b) (BENCHMARKS.md). Here the timer lives
 * on the actor's clock and is moved in place (`VirtualClock.reschedule`, which orders it among
 * timers due at the same instant exactly as a cancelled and newly set timer; other clocks get
 * clear + set). The two actions below use the same form as XState's own `cancel` and `raise`
 * (`resolve`, then `execute` deferring the clock work to the end of the macrostep), so the timer is
 * set, moved and cleared at the very point in the sequence of side effects where XState's
 * scheduler did it before: the observable timing and ordering are unchanged.
 */
import type {
  ActionArgs,
  AnyActorRef,
  EventObject,
  MachineContext,
  ParameterizedObject,
} from 'xstate';
import type { Clock } from '../clock/virtualClock';
import type { SessionContext } from './sessionTypes';

interface IdleTimer {
  clock: Clock & { reschedule?(id: unknown, timeout: number): boolean };
  handle: unknown;
  fire: () => void;
}

const timers = new WeakMap<AnyActorRef, IdleTimer>();

/** The clock the actor was created with (`createActor(machine, { clock })`). */
const clockOf = (self: AnyActorRef) => (self as unknown as { clock: IdleTimer['clock'] }).clock;

function restart(self: AnyActorRef, delayMs: number): void {
  const t = timers.get(self);
  if (t === undefined) {
    const clock = clockOf(self);
    const fire = () => {
      timers.delete(self);
      self.send({ type: 'session.idleTimeout' });
    };
    timers.set(self, { clock, fire, handle: clock.setTimeout(fire, delayMs) });
  } else if (!t.clock.reschedule?.(t.handle, delayMs)) {
    t.clock.clearTimeout(t.handle);
    t.handle = t.clock.setTimeout(t.fire, delayMs);
  }
}

function stop(self: AnyActorRef): void {
  const t = timers.get(self);
  if (t === undefined) return;
  timers.delete(self);
  t.clock.clearTimeout(t.handle);
}

interface Scope {
  self: AnyActorRef;
  defer(fn: () => void): void;
}

/** The call signature XState checks actions against (as for its own `cancel`). */
interface IdleAction<
  TContext extends MachineContext,
  TExpressionEvent extends EventObject,
  TParams,
  TEvent extends EventObject,
> {
  (args: ActionArgs<TContext, TExpressionEvent, TEvent>, params: TParams): void;
}

/**
 * A built-in-style action: `resolve` reads the context, `execute` defers `run` as XState's `cancel`
 * does. XState recognises the built-in form by `resolve` (its own actions are made the same way).
 * The form is XState 5's, not public API (xstate is pinned in package.json); if an upgrade changes
 * it, the idle-timer tests (idleTimer.test.ts, sessionProperties.test.ts) fail.
 */
function deferred(type: string, run: (self: AnyActorRef, delayMs: number) => void) {
  const action = Object.assign(() => {}, {
    type,
    resolve: (_: Scope, snapshot: unknown, args: { context: SessionContext }) => [
      snapshot,
      { delayMs: args.context.config.connectionTimeoutMs },
      undefined,
    ],
    execute: (scope: Scope, params: { delayMs: number }) =>
      scope.defer(() => run(scope.self, params.delayMs)),
  });
  // Generic like XState's action creators, so `setup` infers its types from where it is used.
  return <
    TContext extends SessionContext,
    TExpressionEvent extends EventObject,
    TParams extends ParameterizedObject['params'] | undefined,
    TEvent extends EventObject,
  >(): IdleAction<TContext, TExpressionEvent, TParams, TEvent> => action;
}

export const restartIdleTimer = deferred('session.restartIdleTimer', restart);
export const stopIdleTimer = deferred('session.stopIdleTimer', stop);
