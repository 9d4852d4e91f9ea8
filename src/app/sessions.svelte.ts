import { SvelteMap } from 'svelte/reactivity';
import type { LoadedScenario, Locale } from '../sim';
import { startSession, WorldSession } from './world.svelte';

export type SessionResult = { ok: true; session: WorldSession } | { ok: false; error: string };

/**
 * Worlds live as long as the page: leaving the workspace for the briefing (or the catalog) and
 * coming back finds the world as it was. Restart replaces it with a fresh one.
 */
export class SessionRegistry {
  #sessions = new SvelteMap<string, SessionResult>();
  #start: (scenario: LoadedScenario, locale: Locale) => WorldSession;

  constructor(start: (scenario: LoadedScenario, locale: Locale) => WorldSession = startSession) {
    this.#start = start;
  }

  /** The live world of a scenario, created on first use. */
  open(scenario: LoadedScenario, locale: Locale): SessionResult {
    const existing = this.#sessions.get(scenario.id);
    if (existing) return existing;
    return this.#create(scenario, locale);
  }

  /** Throws the world away and starts the scenario again. */
  restart(scenario: LoadedScenario, locale: Locale): SessionResult {
    const existing = this.#sessions.get(scenario.id);
    if (existing?.ok) existing.session.dispose();
    return this.#create(scenario, locale);
  }

  #create(scenario: LoadedScenario, locale: Locale): SessionResult {
    let result: SessionResult;
    try {
      result = { ok: true, session: this.#start(scenario, locale) };
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    this.#sessions.set(scenario.id, result);
    return result;
  }
}

export const sessions = new SessionRegistry();
