import { browserStorage, readItem, writeItem, type KeyValueStore } from '../storage';
import { MAX_SCENARIO_BYTES } from './limits';
import { utf8Length } from '../../sim/text/utf8.ts';
import {
  DRAFT_STORAGE_KEY,
  PREVIOUS_DRAFT_KEY,
  REJECTED_DRAFT_KEY,
  parseDraft,
  serializeDraft,
  type DraftProblem,
} from './draftStorage';

/** Whether the current text is in localStorage: saved, waiting for the debounce, or not kept (too large, storage full or off). */
export type PersistState = 'saved' | 'pending' | 'too-large' | 'failed';

/**
 * The editor's draft: one scenario text, kept in localStorage (debounced) so that a reload, the
 * play page and the next visit find it. A stored value that cannot be read is reported in
 * `problem`, and copied aside to REJECTED_DRAFT_KEY before the first overwrite, as ProgressStore
 * does, so nothing an author had is silently destroyed.
 */
export class DraftStore {
  #text = $state.raw('');
  #dirty = $state.raw(false);
  #exists = $state.raw(false);
  #problem = $state.raw<DraftProblem | null>(null);
  #persist = $state.raw<PersistState>('saved');
  #store: KeyValueStore | null;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #rejectedRaw: string | null = null;
  /** The stored value as this tab last read or wrote it: anything else there came from another tab. */
  #lastRaw: string | null;
  #hasPrevious = $state.raw(false);
  /** True when this tab's last write found another tab's draft there (now kept as the previous one). */
  #overwroteOtherTab = $state.raw(false);

  constructor(store: KeyValueStore | null, delay = 500) {
    this.#store = store;
    this.#delay = delay;
    const raw = readItem(store, DRAFT_STORAGE_KEY);
    this.#lastRaw = raw;
    this.#hasPrevious = parseDraft(readItem(store, PREVIOUS_DRAFT_KEY)).draft !== null;
    const { draft, problem } = parseDraft(raw);
    this.#problem = problem;
    if (problem) this.#rejectedRaw = raw;
    if (draft) {
      this.#text = draft.text;
      this.#dirty = draft.dirty;
      this.#exists = true;
    }
  }

  /** The scenario text. */
  get text(): string {
    return this.#text;
  }

  /** True when the text has changes not saved to a file (replacing it would lose work). */
  get dirty(): boolean {
    return this.#dirty;
  }

  /** False until there is a draft: nothing was stored, or the stored value could not be read. */
  get exists(): boolean {
    return this.#exists;
  }

  /** Why the stored draft was not loaded, or null. */
  get problem(): DraftProblem | null {
    return this.#problem;
  }

  get persistState(): PersistState {
    return this.#persist;
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  /** True when a previous draft is kept (see PREVIOUS_DRAFT_KEY) and can be restored. */
  get hasPrevious(): boolean {
    return this.#hasPrevious;
  }

  /** True once this tab has overwritten a draft another tab had stored (kept as the previous one). */
  get overwroteOtherTab(): boolean {
    return this.#overwroteOtherTab;
  }

  /** A change made in the editor; stored after a short pause. */
  edit(text: string): void {
    if (this.#exists && text === this.#text) return;
    this.#text = text;
    this.#dirty = true;
    this.#exists = true;
    this.#persist = 'pending';
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#delay);
  }

  /**
   * A new text from a template, a file or a link: nothing unsaved yet. Stored at once; the text it
   * replaces is kept as the previous draft.
   */
  replace(text: string): void {
    if (this.#exists && text !== this.#text) this.#keepAsPrevious(this.#currentRaw());
    this.#text = text;
    this.#dirty = false;
    this.#exists = true;
    this.flush();
  }

  /** Swaps the draft and the previous one; returns the restored text, or null if there is none. */
  restorePrevious(): string | null {
    const previous = parseDraft(readItem(this.#store, PREVIOUS_DRAFT_KEY)).draft;
    if (!previous) {
      this.#hasPrevious = false;
      return null;
    }
    if (this.#exists) this.#keepAsPrevious(this.#currentRaw());
    this.#text = previous.text;
    this.#dirty = previous.dirty;
    this.#exists = true;
    this.flush();
    return previous.text;
  }

  #currentRaw(): string {
    return serializeDraft({ text: this.#text, dirty: this.#dirty });
  }

  #keepAsPrevious(raw: string): void {
    if (writeItem(this.#store, PREVIOUS_DRAFT_KEY, raw)) this.#hasPrevious = true;
  }

  /** The text was saved to a file. */
  markSaved(): void {
    this.#dirty = false;
    this.flush();
  }

  /** Stores the draft now (pending edits included). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#exists) return;
    if (utf8Length(this.#text) > MAX_SCENARIO_BYTES) {
      this.#persist = 'too-large';
      return;
    }
    if (this.#rejectedRaw !== null) {
      // Keep one copy of what could not be read before the first overwrite, for support and recovery.
      writeItem(this.#store, REJECTED_DRAFT_KEY, this.#rejectedRaw);
      this.#rejectedRaw = null;
    }
    // Another tab of the editor wrote its draft since: keep it one step back rather than lose it.
    const there = readItem(this.#store, DRAFT_STORAGE_KEY);
    if (there !== null && there !== this.#lastRaw && parseDraft(there).draft) {
      this.#keepAsPrevious(there);
      this.#overwroteOtherTab = true;
    }
    const raw = this.#currentRaw();
    const stored = writeItem(this.#store, DRAFT_STORAGE_KEY, raw);
    if (stored) this.#lastRaw = raw;
    this.#persist = stored ? 'saved' : 'failed';
  }
}

/** The one draft of this browser, created when the editor (or its play page) first loads. */
export const draft = new DraftStore(browserStorage());
