// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ClockRunner, TICK_MS, type Timers } from '../../../src/app/clock.svelte';
import type { WorldAction } from '../../../src/sim';

/** Manual timers: `tick(realMs)` moves real time and fires the interval once. */
function fakeTimers() {
  let now = 0;
  let callback: (() => void) | null = null;
  const timers: Timers = {
    setInterval: (fn) => {
      callback = fn;
      return 1;
    },
    clearInterval: () => {
      callback = null;
    },
    now: () => now,
  };
  return {
    timers,
    running: () => callback !== null,
    tick(ms: number) {
      now += ms;
      callback?.();
    },
  };
}

describe('ClockRunner', () => {
  it('should advance one virtual second per real second when running', () => {
    const sent: WorldAction[] = [];
    const fake = fakeTimers();
    const clock = new ClockRunner((a) => sent.push(a), fake.timers);
    clock.run();
    expect(clock.mode).toBe('running');
    fake.tick(TICK_MS);
    fake.tick(TICK_MS);
    expect(sent).toEqual([
      { type: 'clock.advance', ms: TICK_MS },
      { type: 'clock.advance', ms: TICK_MS },
    ]);
  });

  it('should advance sixty times faster when fast-forwarding and cap long real gaps', () => {
    const sent: WorldAction[] = [];
    const fake = fakeTimers();
    const clock = new ClockRunner((a) => sent.push(a), fake.timers);
    clock.fastForward();
    fake.tick(1000);
    fake.tick(3_600_000);
    expect(sent).toEqual([
      { type: 'clock.advance', ms: 60_000 },
      { type: 'clock.advance', ms: 60_000 },
    ]);
  });

  it('should stop sending when paused or disposed', () => {
    const sent: WorldAction[] = [];
    const fake = fakeTimers();
    const clock = new ClockRunner((a) => sent.push(a), fake.timers);
    clock.run();
    clock.pause();
    expect(fake.running()).toBe(false);
    fake.tick(1000);
    clock.fastForward();
    clock.dispose();
    fake.tick(1000);
    expect(sent).toEqual([]);
    expect(clock.mode).toBe('paused');
  });

  it('should step and jump in any mode', () => {
    const sent: WorldAction[] = [];
    const clock = new ClockRunner((a) => sent.push(a), fakeTimers().timers);
    clock.step();
    clock.jump(900_000);
    expect(sent).toEqual([{ type: 'clock.step' }, { type: 'clock.advance', ms: 900_000 }]);
  });
});
