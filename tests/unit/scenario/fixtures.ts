/** Shared by the loader tests: the frozen base world and the good fixtures next to the malformed ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseScenario,
  type LoadedScenario,
  type ScenarioLoadResult,
} from '../../../src/sim/index';

export const HERE = import.meta.dirname;
export const BASES = { lab: readFileSync(join(HERE, 'bases', 'lab.yaml'), 'utf8') };

export function fixtureText(name: string): string {
  return readFileSync(join(HERE, name), 'utf8');
}

export function parseFixture(text: string, seed?: number): ScenarioLoadResult {
  return parseScenario(text, 'fixture.yaml', BASES, seed === undefined ? {} : { seed });
}

/** Load a good fixture; fails the test with the loader's errors if it does not load. */
export function loadGood(name: string, seed?: number): LoadedScenario {
  const result = parseFixture(fixtureText(join('good', name)), seed);
  if (!result.ok)
    throw new Error(
      result.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'),
    );
  return result.scenario;
}
