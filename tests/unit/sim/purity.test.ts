/** src/sim must run anywhere: no DOM, no Svelte, no real time, no unseeded randomness. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = join(import.meta.dirname, '..', '..', '..', 'src', 'sim');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]svelte/, 'imports Svelte'],
  [/\.svelte['"]/, 'imports a Svelte component'],
  [/from ['"][./]*\/(ui|app)\//, 'imports the UI or app layer'],
  [/\b(document|window|localStorage|navigator)\./, 'uses a DOM global'],
  [/\bDate\.now\(|new Date\(\)|performance\.now\(/, 'reads real time'],
  [/Math\.random\(/, 'uses unseeded randomness'],
  [/from ['"]node:/, 'imports a Node built-in'],
];

describe('src/sim purity', () => {
  const all = files(SIM);
  it('should find the simulation sources', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  for (const file of all) {
    it(`${relative(SIM, file)} has no DOM, Svelte, real time or Node import`, () => {
      const text = readFileSync(file, 'utf8');
      const problems = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
      expect(problems).toEqual([]);
    });
  }
});
