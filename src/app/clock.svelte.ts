import type { WorldAction } from '../sim';

export type ClockMode = 'paused' | 'running' | 'fast';

/** Virtual milliseconds per real millisecond in each running mode. */
export const CLOCK_RATES: Record<Exclude<ClockMode, 'paused'>, number> = { running: 1, fast: 60 };
export const TICK_MS = 200;
/** A background tab or a slow frame must not turn into a huge jump of virtual time. */
const MAX_REAL_DELTA_MS = 1000;

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

const browserTimers: Timers = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as number),
  now: () => performance.now(),
};

/**
 * Drives the world's virtual clock from real time while "running": every tick sends
 * `clock.advance` for the real time elapsed times the rate. Pause stops the timer; step and jump
 * are one-off actions that work in any mode.
 */
export class ClockRunner {
  #mode = $state.raw<ClockMode>('paused');
  #send: (action: WorldAction) => void;
  #timers: Timers;
  #handle: unknown = null;
  #last = 0;

  constructor(send: (action: WorldAction) => void, timers: Timers = browserTimers) {
    this.#send = send;
    this.#timers = timers;
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  run(): void {
    this.#setMode('running');
  }

  fastForward(): void {
    this.#setMode('fast');
  }

  pause(): void {
    this.#setMode('paused');
  }

  /** Jumps to the next scheduled event and fires it. */
  step(): void {
    this.#send({ type: 'clock.step' });
  }

  /** Advances virtual time by `ms`, firing every timer due on the way. */
  jump(ms: number): void {
    this.#send({ type: 'clock.advance', ms });
  }

  dispose(): void {
    this.#setMode('paused');
  }

  #setMode(mode: ClockMode): void {
    this.#mode = mode;
    if (this.#handle !== null) {
      this.#timers.clearInterval(this.#handle);
      this.#handle = null;
    }
    if (mode === 'paused') return;
    const rate = CLOCK_RATES[mode];
    this.#last = this.#timers.now();
    this.#handle = this.#timers.setInterval(() => {
      const now = this.#timers.now();
      const delta = Math.min(MAX_REAL_DELTA_MS, Math.max(0, now - this.#last));
      this.#last = now;
      const ms = Math.round(delta * rate);
      if (ms > 0) this.#send({ type: 'clock.advance', ms });
    }, TICK_MS);
  }
}
