/**
 * The checks every scenario must pass (DESIGN "Quality bars"), as data: the generated Vitest suite
 * makes one test of each, and `npm run scenario -- check` prints them. Each check returns its
 * failures; an empty list means it passed. All of them go through the world API the UI uses.
 */
import type { World } from '../world/world';
import type { LoadedScenario } from './schema';
import type { ScenarioLoadResult } from './load';
import { createScenarioWorld, evaluateObjectives } from './run';
import { evidenceFound, evidenceText, runSteps } from './play';
import { pickValues } from './variables';

export interface ScenarioCheck {
  name: string;
  run: () => string[];
}

export interface CheckOptions {
  /** Load the same file with another seed (enables the variant checks). */
  reload?: (seed: number) => ScenarioLoadResult;
}

function solveFailures(scenario: LoadedScenario, world: World): string[] {
  const errors = runSteps(world, scenario.solution);
  const unmet = evaluateObjectives(scenario, world).filter((s) => !s.met);
  return [
    ...errors.map((e) => `the world refused ${e}`),
    ...unmet.map((s) => `objective '${s.id}' is not met after the solution`),
  ];
}

/** Everything the learner could compare: W3C logs, events, mailboxes, queues and console transcripts of every host. */
export function worldFingerprint(world: World): Record<string, unknown> {
  const snap = world.snapshot();
  return {
    now: snap.now,
    logs: Object.fromEntries(snap.hosts.map((h) => [h.name, world.logFiles(h.name)])),
    events: snap.events,
    mailboxes: snap.mailboxes,
    queues: snap.queues,
    consoles: Object.fromEntries(Object.entries(snap.consoles).map(([k, c]) => [k, c.transcript])),
  };
}

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  for (const key of Object.keys(a))
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return key;
  return null;
}

/** Seeds after the scenario's own whose values differ from it and from each other (consecutive seeds may pick alike). */
export function otherVariantSeeds(scenario: LoadedScenario, count: number): number[] {
  const seen = new Set([JSON.stringify(scenario.variant.values)]);
  const seeds: number[] = [];
  for (
    let seed = scenario.variant.seed + 1;
    seeds.length < count && seed <= scenario.variant.seed + 200;
    seed++
  ) {
    const key = JSON.stringify(pickValues(scenario.variables ?? {}, seed));
    if (seen.has(key)) continue;
    seen.add(key);
    seeds.push(seed);
  }
  return seeds;
}

export function scenarioChecks(
  scenario: LoadedScenario,
  options: CheckOptions = {},
): ScenarioCheck[] {
  const fresh = () => createScenarioWorld(scenario, { locale: 'en' });
  const checks: ScenarioCheck[] = [
    {
      name: 'is unsolved at start (its faults show)',
      run: () =>
        evaluateObjectives(scenario, fresh()).some((s) => !s.met)
          ? []
          : ['every objective already holds at the start'],
    },
  ];
  scenario.diagnosis.evidence.forEach((ev, i) => {
    const where =
      ev.source === 'console'
        ? `the output of '${ev.command ?? ''}' on ${ev.host}`
        : ev.source === 'w3c'
          ? `the W3C log files of ${ev.host}`
          : `the event logs of ${ev.host}`;
    // Checked in both languages: the learner reads it in either, next to what their console shows.
    checks.push({
      name: `evidence ${i + 1} appears in ${where}: "${evidenceText(ev, 'en')}"`,
      run: () =>
        (['en', 'ja'] as const).flatMap((locale) =>
          evidenceFound(createScenarioWorld(scenario, { locale }), ev)
            ? []
            : [`"${evidenceText(ev, locale)}" is not in ${where} (${locale})`],
        ),
    });
  });
  checks.push({
    name: 'the canonical solution solves it',
    run: () => solveFailures(scenario, fresh()),
  });
  scenario.unsafeFixes.forEach((fix, i) => {
    checks.push({
      name: `unsafe fix ${i + 1} breaks a safety objective`,
      run: () => {
        const world = fresh();
        runSteps(world, fix);
        return evaluateObjectives(scenario, world).some((s) => s.safety && !s.met)
          ? []
          : ['every safety objective still holds after it'];
      },
    });
  });
  checks.push({
    name: 'the same seed and actions replay identically',
    run: () => {
      const [a, b] = [fresh(), fresh()];
      runSteps(a, scenario.solution);
      runSteps(b, scenario.solution);
      const diff = firstDifference(worldFingerprint(a), worldFingerprint(b));
      return diff ? [`two runs differ in their ${diff}`] : [];
    },
  });
  const { reload } = options;
  if (reload && scenario.variables && Object.keys(scenario.variables).length > 0) {
    for (const seed of otherVariantSeeds(scenario, 2)) {
      checks.push({
        name: `the variant of seed ${seed} validates and is solved`,
        run: () => {
          const other = reload(seed);
          if (!other.ok)
            return other.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`);
          return solveFailures(
            other.scenario,
            createScenarioWorld(other.scenario, { locale: 'en' }),
          );
        },
      });
    }
  }
  return checks;
}
