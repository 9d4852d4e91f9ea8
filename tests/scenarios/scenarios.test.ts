/**
 * Generated from the scenario folder: every scenario validates, is unsolved at start, shows its
 * evidence, is solved by its canonical solution, fails its safety objectives under each known
 * unsafe fix, and replays identically with the same seed.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFiles, loadScenarioFile } from '../../scripts/lib/scenarioFiles';
import { createScenarioWorld, evaluateObjectives, formatError, type LoadedScenario, type World } from '../../src/sim/index';
import { runSteps, evidenceFound } from '../../src/sim/scenario/play';

const files = scenarioFiles();

it('should have scenarios to test', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  describe(file, () => {
    const loaded = loadScenarioFile(file);
    const scenario = loaded.ok ? loaded.scenario : (null as unknown as LoadedScenario);
    const fresh = (): World => createScenarioWorld(scenario, { locale: 'en', seed: 7 });

    it('should validate', () => {
      expect(loaded.ok ? [] : loaded.errors.map(formatError)).toEqual([]);
    });
    if (!loaded.ok) return;

    it('should be unsolved at start', () => {
      const status = evaluateObjectives(scenario, fresh());
      expect(status.filter((s) => !s.met).map((s) => s.id)).not.toEqual([]);
    });

    for (const [i, ev] of scenario.diagnosis.evidence.entries()) {
      it(`should show evidence ${i + 1} (${ev.source}: ${ev.contains})`, () => {
        expect(evidenceFound(fresh(), ev)).toBe(true);
      });
    }

    it('should be solved by its canonical solution', () => {
      const world = fresh();
      const errors = runSteps(world, scenario.solution);
      expect(errors).toEqual([]);
      const unmet = evaluateObjectives(scenario, world).filter((s) => !s.met);
      expect(unmet.map((s) => s.id)).toEqual([]);
    });

    for (const [i, fix] of scenario.unsafeFixes.entries()) {
      it(`should catch unsafe fix ${i + 1} with a safety objective`, () => {
        const world = fresh();
        runSteps(world, fix);
        const failedSafety = evaluateObjectives(scenario, world).filter((s) => s.safety && !s.met);
        expect(failedSafety.length).toBeGreaterThan(0);
      });
    }

    it('should replay identically with the same seed and actions', () => {
      const a = fresh();
      const b = fresh();
      runSteps(a, scenario.solution);
      runSteps(b, scenario.solution);
      expect(a.logFiles(a.snapshot().hosts.find((h) => h.role === 'iis')?.name ?? '')).toEqual(
        b.logFiles(b.snapshot().hosts.find((h) => h.role === 'iis')?.name ?? ''),
      );
      expect(a.snapshot().events).toEqual(b.snapshot().events);
    });
  });
}
