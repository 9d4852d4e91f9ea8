/** Node-side access to the scenario folder, for tests and the authoring CLI. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
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

/** A path as the author typed it (relative to the working directory) or relative to the repo root. */
export function resolveFile(file: string, cwd = process.cwd()): string {
  if (isAbsolute(file)) return file;
  const fromCwd = resolve(cwd, file);
  return existsSync(fromCwd) ? fromCwd : join(ROOT, file);
}

/** How a file is named in reports: relative to the repo root when it is inside it. */
export function displayName(file: string): string {
  const rel = relative(ROOT, resolveFile(file));
  return rel.startsWith('..') ? file : rel;
}

/** Load a scenario file (path relative to the repo root or the working directory), optionally as the variant of a seed. */
export function loadScenarioFile(file: string, seed?: number): ScenarioLoadResult {
  const name = displayName(file);
  let text: string;
  try {
    text = readFileSync(resolveFile(file), 'utf8');
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          file: name,
          path: '',
          message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        },
      ],
    };
  }
  return parseScenario(text, name, readBases(), seed === undefined ? {} : { seed });
}

/** A scenario named by file path or by id (`outbound-port-blocked`). */
export function findScenarioFile(fileOrId: string): string | null {
  if (existsSync(resolveFile(fileOrId)) && statSync(resolveFile(fileOrId)).isFile())
    return fileOrId;
  for (const file of scenarioFiles()) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok && loaded.scenario.id === fileOrId) return file;
    if (basename(file, '.yaml').replace(/^\d+-/, '') === fileOrId) return file;
  }
  return null;
}
