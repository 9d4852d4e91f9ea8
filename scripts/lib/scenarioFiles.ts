/** Node-side access to the scenario folder, for tests and the authoring CLI. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseScenario, type ScenarioLoadResult } from '../../src/sim/index';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCENARIO_DIR = join(ROOT, 'scenarios');

export function readBases(): Record<string, string> {
  const dir = join(SCENARIO_DIR, 'bases');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [basename(f, '.yaml'), readFileSync(join(dir, f), 'utf8')]),
  );
}

/** Every scenario file (not base worlds), relative to the repo root, in curriculum order. */
export function scenarioFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'bases') walk(full);
      } else if (name.endsWith('.yaml')) out.push(relative(ROOT, full));
    }
  };
  walk(SCENARIO_DIR);
  return out;
}

export function loadScenarioFile(file: string): ScenarioLoadResult {
  return parseScenario(readFileSync(join(ROOT, file), 'utf8'), file, readBases());
}
