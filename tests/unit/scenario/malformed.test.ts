/**
 * Data-driven: every file in malformed/ is a copy of good/minimal.yaml with one thing broken, and
 * says on its `# expect:` lines exactly which errors the loader must give (`line:col path: message`).
 * `{fault kinds}` and `{settings}` stand for lists owned by the fault library and the IIS model.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../../src/sim/index';
import { faultSchema } from '../../../src/sim/scenario/schema';
import { SETTING_NAMES } from '../../../src/sim/scenario/settingNames';
import { fixtureText, HERE, parseFixture } from './fixtures';

const PLACEHOLDERS: Record<string, string> = {
  '{fault kinds}': faultSchema.options.map((o) => o.shape.kind.value).join(', '),
  '{settings}': SETTING_NAMES.join(', '),
};

const files = readdirSync(join(HERE, 'malformed'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function shown(e: ScenarioError): string {
  return `${e.line ? `${e.line}:${e.column} ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`;
}

it('should have at least 30 malformed fixtures', () => {
  expect(files.length).toBeGreaterThanOrEqual(30);
});

it('should load the good fixture every malformed one is copied from', () => {
  expect(parseFixture(fixtureText('good/minimal.yaml')).ok).toBe(true);
});

describe('malformed scenario files', () => {
  for (const file of files) {
    const text = fixtureText(join('malformed', file));
    const why = text.split('\n')[0]?.replace(/^# /, '') ?? '';
    it(`${file}: ${why}`, () => {
      const expected = text
        .split('\n')
        .filter((l) => l.startsWith('# expect: '))
        .map((l) =>
          Object.entries(PLACEHOLDERS).reduce(
            (s, [k, v]) => s.replace(k, v),
            l.slice('# expect: '.length),
          ),
        );
      expect(expected.length).toBeGreaterThan(0);
      const result = parseFixture(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map(shown)).toEqual(expected);
      expect(result.errors.every((e) => e.file === 'fixture.yaml')).toBe(true);
    });
  }
});
