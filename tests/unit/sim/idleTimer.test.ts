/**
 * The session's idle timer (reference §4.3 "Connection time-out") runs on the virtual clock and is
 * moved in place on every line (`VirtualClock.reschedule`, sessionIdle.ts). These tests pin down
 * that this is the same as cancelling the timer and setting a new one: the same times, and the same
 * order among timers due at the same instant (the order they were set in).
 */
import { createActor } from 'xstate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionMachine, type SessionEmitted } from '../../../src/sim/smtp/sessionMachine';
import { dialects } from '../../../src/sim/smtp/dialects';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { configFor, START } from './transcriptHarness';

type Op =
  | { kind: 'set'; timeout: number }
  | { kind: 'clear'; pick: number }
  | { kind: 'move'; pick: number; timeout: number }
  | { kind: 'advance'; ms: number };

// Small times, so that many timers fall due at the same instant (where the order matters).
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), timeout: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('clear' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    timeout: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3 }) }),
);

/** Run the operations; `move` is `reschedule` or clear + set. Returns what fired, when, and the clock's view. */
function replay(ops: Op[], move: 'reschedule' | 'clearAndSet'): string[] {
  const clock = new VirtualClock(0);
  const log: string[] = [];
  // Timer label → its current clock id.
  const ids: unknown[] = [];
  const live = new Set<number>();
  const fire = (label: number) => () => {
    live.delete(label);
    log.push(`${label}@${clock.now()}`);
  };
  for (const o of ops) {
    const labels = [...live];
    const label =
      labels.length > 0 ? labels[('pick' in o ? o.pick : 0) % labels.length] : undefined;
    if (o.kind === 'set') {
      ids.push(clock.setTimeout(fire(ids.length), o.timeout));
      live.add(ids.length - 1);
    } else if (o.kind === 'clear' && label !== undefined) {
      clock.clearTimeout(ids[label]);
      live.delete(label);
    } else if (o.kind === 'move' && label !== undefined) {
      if (move === 'reschedule') expect(clock.reschedule(ids[label], o.timeout)).toBe(true);
      else {
        clock.clearTimeout(ids[label]);
        ids[label] = clock.setTimeout(fire(label), o.timeout);
      }
    } else if (o.kind === 'advance') clock.advanceBy(o.ms);
    log.push(`next=${clock.nextDue()} pending=${clock.pending}`);
  }
  clock.advanceBy(1_000);
  return log;
}

describe('VirtualClock.reschedule', () => {
  it('should fire at the same times and in the same order as clearTimeout followed by setTimeout', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        expect(replay(ops, 'reschedule')).toEqual(replay(ops, 'clearAndSet'));
      }),
      { numRuns: 500 },
    );
  });

  it('should refuse a timer that already fired or was cleared', () => {
    const clock = new VirtualClock(0);
    const fired = clock.setTimeout(() => {}, 5);
    const cleared = clock.setTimeout(() => {}, 5);
    clock.clearTimeout(cleared);
    clock.advanceBy(5);
    expect([clock.reschedule(fired, 10), clock.reschedule(cleared, 10), clock.pending]).toEqual([
      false,
      false,
      0,
    ]);
  });
});

function session() {
  const clock = new VirtualClock(START);
  const actor = createActor(sessionMachine, {
    clock,
    input: {
      config: configFor({ dialect: 'iis' }),
      dialect: dialects.iis!,
      clientIp: '10.0.0.21',
      serverIp: '10.0.0.5',
      env: {
        now: () => clock.now(),
        newQueueId: () => '<WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>',
      },
    },
  });
  const emitted: SessionEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as SessionEmitted));
  actor.start();
  return { clock, actor, emitted, timeout: configFor({ dialect: 'iis' }).connectionTimeoutMs };
}

describe('session idle timer', () => {
  it('should close the session one connection time-out after the last line, however the lines were spread', () => {
    const s = session();
    const lines = ['EHLO app01.contoso.com', 'NOOP', 'MAIL FROM:<a@contoso.com>', 'RSET'];
    for (const [i, line] of lines.entries()) {
      s.clock.advanceBy(i * 61_000);
      s.actor.send({ type: 'client.line', line });
    }
    const lastLine = s.clock.now();
    s.clock.advanceTo(lastLine + s.timeout - 1);
    expect(s.actor.getSnapshot().status).toBe('active');
    s.clock.advanceTo(lastLine + s.timeout);
    expect([s.actor.getSnapshot().status, s.emitted.at(-1), s.clock.pending]).toEqual([
      'done',
      { type: 'closed', reason: 'timeout' },
      0,
    ]);
  });

  it('should order the time-out among timers due at the same instant by when the last line came', () => {
    const s = session();
    const order: string[] = [];
    s.actor.on('closed', () => order.push('idle'));
    s.clock.advanceBy(10_000);
    const due = s.clock.now() + s.timeout;
    s.clock.setTimeout(() => order.push('set before the line'), due - s.clock.now());
    s.actor.send({ type: 'client.line', line: 'NOOP' });
    s.clock.setTimeout(() => order.push('set after the line'), due - s.clock.now());
    s.clock.advanceBy(5_000);
    s.clock.setTimeout(() => order.push('set later'), due - s.clock.now());
    s.clock.advanceTo(due);
    expect(order).toEqual(['set before the line', 'idle', 'set after the line', 'set later']);
  });

  it('should leave no timer behind once the session closed', () => {
    const s = session();
    s.actor.send({ type: 'client.line', line: 'EHLO app01.contoso.com' });
    s.actor.send({ type: 'client.line', line: 'QUIT' });
    expect([s.actor.getSnapshot().status, s.clock.pending, s.clock.nextDue()]).toEqual([
      'done',
      0,
      null,
    ]);
  });
});
