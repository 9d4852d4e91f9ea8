import {
  createScenarioWorld,
  evaluateObjectives,
  type ActionResult,
  type LoadedScenario,
  type Locale,
  type LogFileSnapshot,
  type ObjectiveStatus,
  type Scenario,
  type World,
  type WorldAction,
  type WorldSnapshot,
} from '../sim';

export type EvaluateObjectives = (scenario: Scenario, world: World) => ObjectiveStatus[];

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one bridge between a simulated world and the UI: it subscribes once, mirrors the world's
 * snapshot in `$state.raw` (replaced only when the version changes) and forwards actions.
 * Components read `snapshot` and call `send`; they never touch the world.
 */
export class WorldSession {
  readonly scenario: Scenario;
  #world: World;
  #evaluate: EvaluateObjectives;
  #unsubscribe: () => void;
  #snapshot = $state.raw<WorldSnapshot>(undefined as unknown as WorldSnapshot);

  /** Objective statuses, re-evaluated whenever the world changes. */
  readonly objectives = $derived.by((): ObjectiveStatus[] => {
    void this.#snapshot.version;
    try {
      return this.#evaluate(this.scenario, this.#world);
    } catch {
      return [];
    }
  });

  /** True once every objective holds (a scenario without objectives is never "solved"). */
  readonly solved = $derived(this.objectives.length > 0 && this.objectives.every((o) => o.met));

  /** Name of the first IIS host: the server the Queue, Logs and Events panels look at. */
  readonly iisHost = $derived(this.#snapshot.hosts.find((h) => h.role === 'iis')?.name ?? null);

  constructor(scenario: Scenario, world: World, evaluate: EvaluateObjectives = evaluateObjectives) {
    this.scenario = scenario;
    this.#world = world;
    this.#evaluate = evaluate;
    this.#snapshot = world.snapshot();
    const unsubscribe = world.subscribe(() => this.#refresh());
    this.#unsubscribe = typeof unsubscribe === 'function' ? unsubscribe : () => {};
  }

  get snapshot(): WorldSnapshot {
    return this.#snapshot;
  }

  /** Sends one action; a malformed action or an engine failure comes back as `ok: false`. */
  send(action: WorldAction): ActionResult {
    try {
      return this.#world.send(action);
    } catch (error) {
      return { ok: false, output: [], error: errorMessage(error) };
    } finally {
      this.#refresh();
    }
  }

  /** W3C log files of a host (read on demand: they are not part of the snapshot). */
  logFiles(host: string): LogFileSnapshot[] {
    try {
      return this.#world.logFiles(host);
    } catch {
      return [];
    }
  }

  /** Makes the simulated Windows speak the UI language (console output follows it). */
  setLocale(locale: Locale): void {
    if (this.#snapshot.locale !== locale) this.send({ type: 'world.locale', locale });
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #refresh(): void {
    const next = this.#world.snapshot();
    if (next !== this.#snapshot && next.version !== this.#snapshot.version) this.#snapshot = next;
  }
}

/** Starts a fresh world for a scenario. */
export function startSession(scenario: LoadedScenario, locale: Locale): WorldSession {
  return new WorldSession(scenario, createScenarioWorld(scenario, { locale }));
}
