import type { ScenarioError, ScenarioLoadResult } from '../../sim';
import { DRAFT_FILE } from './draftStorage';
import type { ScenarioLoader } from './loaderClient';

/** How long typing must pause before the draft is validated again. */
export const VALIDATE_DELAY_MS = 300;

/**
 * The loader's verdict on the draft as it is typed: the real loader (in a worker), once typing
 * pauses. A verdict that comes back after the text changed again is dropped.
 */
export class DraftValidation {
  #result = $state.raw<ScenarioLoadResult | null>(null);
  #pending = $state.raw(true);
  #problems = $derived(this.#result && !this.#result.ok ? this.#result.errors : []);
  #loader: Pick<ScenarioLoader, 'load'>;
  #delay: number;

  constructor(loader: Pick<ScenarioLoader, 'load'>, delay = VALIDATE_DELAY_MS) {
    this.#loader = loader;
    this.#delay = delay;
  }

  /** The loader's errors for the last text validated (none before the first verdict). */
  get problems(): readonly ScenarioError[] {
    return this.#problems;
  }

  /** True from a change until its verdict. */
  get pending(): boolean {
    return this.#pending;
  }

  /**
   * Validates `text` after the pause. Returns the cancel (an effect's cleanup): a newer text
   * cancels the older one's validation, or drops its verdict if it is already on its way.
   */
  schedule(text: string, bases: Record<string, string>): () => void {
    this.#pending = true;
    let current = true;
    const timer = setTimeout(() => {
      void this.#validate(text, bases).then((result) => {
        if (!current) return;
        this.#result = result;
        this.#pending = false;
      });
    }, this.#delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }

  /** Validates `text` at once (before it is played); an invalid verdict replaces the one shown. */
  async validateNow(text: string, bases: Record<string, string>): Promise<boolean> {
    const result = await this.#validate(text, bases);
    if (!result.ok) this.#result = result;
    return result.ok;
  }

  /** Never rejects: a failure of the worker itself is shown as a problem of the whole file. */
  async #validate(text: string, bases: Record<string, string>): Promise<ScenarioLoadResult> {
    try {
      return await this.#loader.load(text, bases);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        errors: [{ file: DRAFT_FILE, path: '', message: `the validator failed: ${reason}` }],
      };
    }
  }
}
