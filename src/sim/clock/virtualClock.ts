/** XState's clock interface (`createActor(machine, { clock })`). */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

const NOTHING = () => {};

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * The world's only source of time. Implements XState's `Clock` so session actors' delays run on it,
 * and is used directly by the queue, traffic and retries. Timers fire in due order (ties in the order
 * they were set); time never goes backwards. Modelled on XState's SimulatedClock, plus `nextDue`
 * so the UI can "step to the next event". A binary heap with lazy deletion keeps 10,000 pending
 * retries cheap.
 */
export class VirtualClock implements Clock {
  #now: number;
  #heap: Timer[] = [];
  #live = new Map<number, Timer>();
  #nextId = 1;
  #seq = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const id = this.#nextId++;
    const timer: Timer = { id, due: this.#now + Math.max(0, timeout), seq: this.#seq++, fn };
    this.#live.set(id, timer);
    this.#push(timer);
    return id;
  }

  clearTimeout(id: unknown): void {
    const timer = this.#live.get(id as number);
    if (timer === undefined) return;
    this.#live.delete(timer.id);
    // The dead entry waits in the heap until it reaches the top: it must not keep its callback
    // (a session actor and everything it holds) alive until then.
    timer.fn = NOTHING;
    // Cancelled timers stay in the heap until they reach the top; rebuild it before they pile up.
    if (this.#heap.length > 1024 && this.#heap.length > 4 * this.#live.size) this.#compact();
  }

  #compact(): void {
    const live = [...this.#live.values()].sort((a, b) => (this.#before(a, b) ? -1 : 1));
    // A sorted array is a valid binary heap.
    this.#heap = live;
  }

  /** Due time of the earliest pending timer, or null. */
  nextDue(): number | null {
    return this.#peek()?.due ?? null;
  }

  get pending(): number {
    return this.#live.size;
  }

  /** Advance to `target`, firing every timer due on or before it, each at its own time. */
  advanceTo(target: number): number {
    if (target < this.#now) throw new RangeError('The virtual clock cannot go backwards');
    let fired = 0;
    for (let next = this.#peek(); next && next.due <= target; next = this.#peek()) {
      this.#pop();
      this.#live.delete(next.id);
      this.#now = next.due;
      next.fn();
      fired++;
    }
    this.#now = target;
    return fired;
  }

  advanceBy(ms: number): number {
    return this.advanceTo(this.#now + ms);
  }

  /** Fire the earliest pending timer (and any due at the same instant). Returns false if none. */
  step(): boolean {
    const due = this.nextDue();
    if (due === null) return false;
    this.advanceTo(due);
    return true;
  }

  /** Earliest live timer; cancelled ones are discarded on the way. */
  #peek(): Timer | undefined {
    while (this.#heap.length > 0) {
      const top = this.#heap[0] as Timer;
      if (this.#live.get(top.id) === top) return top;
      this.#pop();
    }
    return undefined;
  }

  #before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(h[i] as Timer, h[parent] as Timer)) break;
      [h[i], h[parent]] = [h[parent] as Timer, h[i] as Timer];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop() as Timer;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.#before(h[l] as Timer, h[m] as Timer)) m = l;
      if (r < h.length && this.#before(h[r] as Timer, h[m] as Timer)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as Timer, h[i] as Timer];
      i = m;
    }
  }
}
