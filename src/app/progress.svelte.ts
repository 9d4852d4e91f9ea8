import { SvelteMap } from 'svelte/reactivity';
import {
  EMPTY_PROGRESS,
  PROGRESS_STORAGE_KEY,
  mergeEntries,
  parseProgress,
  serializeProgress,
  type ProgressProblem,
  type ScenarioProgress,
} from './progress';
import { browserStorage, readItem, writeItem, type KeyValueStore } from './storage';

/**
 * Reactive progress of every scenario, persisted in localStorage. Invalid stored entries are
 * dropped and listed in `problems`; the rejected raw value is copied aside once, so nothing the
 * learner had is silently destroyed.
 */
export class ProgressStore {
  #entries = new SvelteMap<string, ScenarioProgress>();
  #problems = $state.raw<readonly ProgressProblem[]>([]);
  #store: KeyValueStore | null;
  #now: () => number;
  #rejectedRaw: string | null = null;

  constructor(store: KeyValueStore | null, now: () => number = () => Date.now()) {
    this.#store = store;
    this.#now = now;
    const raw = readItem(store, PROGRESS_STORAGE_KEY);
    const { entries, problems } = parseProgress(raw);
    for (const [id, entry] of entries) this.#entries.set(id, entry);
    this.#problems = problems;
    if (problems.length > 0) this.#rejectedRaw = raw;
  }

  /** What could not be read from storage (empty when everything was valid). */
  get problems(): readonly ProgressProblem[] {
    return this.#problems;
  }

  dismissProblems(): void {
    this.#problems = [];
  }

  /** Progress of one scenario ('new' when never touched). */
  get(id: string): ScenarioProgress {
    return this.#entries.get(id) ?? EMPTY_PROGRESS;
  }

  /** Marks a scenario as started (no change once it is in progress or solved). */
  start(id: string): void {
    if (this.get(id).status !== 'new') return;
    this.#put(id, { ...this.get(id), status: 'in-progress' });
  }

  /** Reveals one more hint, up to `total`; returns the number now revealed. */
  useHint(id: string, total: number): number {
    const current = this.get(id);
    if (current.hintsUsed >= total) return current.hintsUsed;
    const status = current.status === 'new' ? 'in-progress' : current.status;
    this.#put(id, { ...current, status, hintsUsed: current.hintsUsed + 1 });
    return current.hintsUsed + 1;
  }

  /**
   * Records an answer to the root-cause question: a wrong choice is remembered (once), a right one
   * ends the question. Answers after the right one change nothing.
   */
  answer(id: string, choice: string, correct: boolean): void {
    const current = this.get(id);
    const diagnosis = current.diagnosis ?? { wrongChoices: [], diagnosed: false };
    if (diagnosis.diagnosed || (!correct && diagnosis.wrongChoices.includes(choice))) return;
    const status = current.status === 'new' ? 'in-progress' : current.status;
    this.#put(id, {
      ...current,
      status,
      diagnosis: correct
        ? { ...diagnosis, diagnosed: true }
        : { ...diagnosis, wrongChoices: [...diagnosis.wrongChoices, choice] },
    });
  }

  /** Records the first solve; later solves keep the first time. */
  solve(id: string): void {
    const current = this.get(id);
    if (current.status === 'solved') return;
    this.#put(id, { ...current, status: 'solved', solvedAt: this.#now() });
  }

  /** Forgets a scenario's progress (the editor's draft starts afresh each time it is played). */
  forget(id: string): void {
    if (!this.#entries.has(id)) return;
    this.#entries.delete(id);
    this.#write(id);
  }

  /** Takes in what another tab stored meanwhile (the browser's `storage` event). */
  reload(): void {
    this.#mergeStored();
  }

  #put(id: string, entry: ScenarioProgress): void {
    this.#entries.set(id, entry);
    this.#write();
  }

  /**
   * What is stored now, merged into this tab's entries first: another tab of the app may have
   * written since this one read (a solve, a hint), and a write of this tab's map alone would undo it.
   */
  #mergeStored(except?: string): void {
    if (this.#rejectedRaw !== null) return; // storage holds the rejected value until the first write
    const { entries } = parseProgress(readItem(this.#store, PROGRESS_STORAGE_KEY));
    for (const [id, stored] of entries) {
      if (id === except) continue;
      const mine = this.#entries.get(id);
      const merged = mine ? mergeEntries(mine, stored) : stored;
      if (JSON.stringify(merged) !== JSON.stringify(mine)) this.#entries.set(id, merged);
    }
  }

  /** Writes every entry; `forgotten` is an entry this tab removed (not taken back from storage). */
  #write(forgotten?: string): void {
    this.#mergeStored(forgotten);
    if (this.#rejectedRaw !== null) {
      // Keep one copy of what was rejected before the first overwrite, for support and recovery.
      writeItem(this.#store, `${PROGRESS_STORAGE_KEY}.rejected`, this.#rejectedRaw);
      this.#rejectedRaw = null;
    }
    writeItem(this.#store, PROGRESS_STORAGE_KEY, serializeProgress(this.#entries));
  }
}

export const progress = new ProgressStore(browserStorage());
// Another tab's solve or hint shows here too (and is kept by this tab's next write anyway).
globalThis.addEventListener?.('storage', (event) => {
  if (event.key === PROGRESS_STORAGE_KEY) progress.reload();
});
