/**
 * Generated from the scenario folder: every scenario validates, is unsolved at start, shows its
 * evidence, is solved by its canonical solution, fails its safety objectives under each known
 * unsafe fix, replays identically with the same seed (W3C logs, events, mailboxes, queues and
 * consoles of every host), and, if it has variables, validates and is solved for two other seeds.
 * The checks themselves live in src/sim/scenario/selfCheck.ts, shared with `npm run scenario -- check`.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFiles, loadScenarioFile } from '../../scripts/lib/scenarioFiles';
import { formatError } from '../../src/sim/index';
import { scenarioChecks } from '../../src/sim/scenario/selfCheck';

const files = scenarioFiles();

it('should have scenarios to test', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  describe(file, () => {
    const loaded = loadScenarioFile(file);

    it('should validate', () => {
      expect(loaded.ok ? [] : loaded.errors.map(formatError)).toEqual([]);
    });
    if (!loaded.ok) return;

    for (const check of scenarioChecks(loaded.scenario, { reload: (seed) => loadScenarioFile(file, seed) })) {
      it(`should pass: ${check.name}`, () => {
        expect(check.run()).toEqual([]);
      });
    }
  });
}
