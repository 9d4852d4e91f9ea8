/**
 * Timers grouped by due time: everything a queue schedules for the same instant (and the same
 * key, such as a destination domain) shares one clock timer and fires as one batch. Ten thousand
 * messages retried together cost one timer per retry, not ten thousand. Cancelling is lazy: the
 * owner records each item's due time and ignores items whose time has moved on.
 */
import type { VirtualClock } from '../clock/virtualClock';

interface Bucket<T> {
  key: string;
  at: number;
  items: T[];
  timer: unknown;
}

export class TimerBuckets<T> {
  #buckets = new Map<string, Bucket<T>>();
  /** The bucket last added to: a queue run re-arms thousands of items for the same key and time. */
  #last: Bucket<T> | null = null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly fire: (key: string, due: number, items: T[]) => void,
  ) {}

  /** Fire `item` with the others of `key` at `due` (not before now). */
  add(key: string, due: number, item: T): void {
    const at = Math.max(due, this.clock.now());
    const last = this.#last;
    if (last !== null && last.at === at && last.key === key) {
      last.items.push(item);
      return;
    }
    const id = `${key}\u0000${at}`;
    const existing = this.#buckets.get(id);
    if (existing) {
      existing.items.push(item);
      this.#last = existing;
      return;
    }
    const bucket: Bucket<T> = { key, at, items: [item], timer: null };
    this.#buckets.set(id, bucket);
    this.#last = bucket;
    bucket.timer = this.clock.setTimeout(() => {
      this.#buckets.delete(id);
      if (this.#last === bucket) this.#last = null;
      this.fire(key, at, bucket.items);
    }, at - this.clock.now());
  }

  clear(): void {
    for (const b of this.#buckets.values()) this.clock.clearTimeout(b.timer);
    this.#buckets.clear();
    this.#last = null;
  }
}
