/** Seeded pseudo-random generator (mulberry32): the world's only randomness, so runs replay exactly. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  string(length: number, alphabet: string): string {
    // One string at the end, not one per character: file names and ids are drawn per message.
    const codes: number[] = new Array(length);
    for (let i = 0; i < length; i++)
      codes[i] = alphabet.charCodeAt(this.int(0, alphabet.length - 1));
    return String.fromCharCode(...codes);
  }
}
