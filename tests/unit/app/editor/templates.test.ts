import { describe, expect, it } from 'vitest';
import { describeCheck } from '../../../../src/app/editor/checkLabels';
import { DRAFT_FILE } from '../../../../src/app/editor/draftStorage';
import { MAX_SCENARIO_BYTES as EDITOR_MAX } from '../../../../src/app/editor/limits';
import { loadBases, loadScenarioSource, templateText } from '../../../../src/app/editor/sources';
import {
  MAX_SCENARIO_BYTES,
  parseScenario,
  scenarioChecks,
  type LoadedScenario,
} from '../../../../src/sim';
import { loadScenarioFile, readBases, scenarioFiles } from '../../../../scripts/lib/scenarioFiles';
import { fixtureText, loadGood, parseFixture } from '../../scenario/fixtures';

const stripComments = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');

describe('editor sources', () => {
  it('should use the loader size limit', () => {
    expect(EDITOR_MAX).toBe(MAX_SCENARIO_BYTES);
  });

  it('should give the loader the same base worlds as the CLI', async () => {
    expect(await loadBases()).toEqual(readBases());
  });

  it('should find the raw text of every curriculum file', async () => {
    for (const file of scenarioFiles()) expect(await loadScenarioSource(file)).toMatch(/^id: /m);
    expect(loadScenarioSource('scenarios/bases/contoso.yaml')).toBeNull();
    expect(loadScenarioSource('../package.json')).toBeNull();
  });

  it('should offer the same template in both languages, only its comments translated', () => {
    expect(stripComments(templateText('ja'))).toBe(stripComments(templateText('en')));
    expect(templateText('ja')).toMatch(/^# 新しいシナリオ/);
  });

  it.each(['en', 'ja'] as const)(
    'should start from a %s template that loads and passes every check',
    async (locale) => {
      const text = templateText(locale);
      const bases = await loadBases();
      const loaded = parseScenario(text, DRAFT_FILE, bases);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
      const checks = scenarioChecks(loaded.scenario, {
        reload: (seed) => parseScenario(text, DRAFT_FILE, bases, { seed }),
      });
      expect(checks.length).toBeGreaterThanOrEqual(5);
      for (const check of checks) expect(check.run(), check.name).toEqual([]);
      // `level: 7` (the e2e's mistake) is reported at its line and column.
      const broken = parseScenario(text.replace('level: 1', 'level: 7'), DRAFT_FILE, bases);
      expect(broken.ok).toBe(false);
      if (!broken.ok) expect(broken.errors[0]).toMatchObject({ line: 5, column: 8, path: 'level' });
    },
  );
});

describe('describeCheck', () => {
  it('should recognise every generated check of every curriculum scenario', () => {
    const seen = new Set<string>();
    const label = (name: string, scenario: LoadedScenario) => {
      const described = describeCheck(name, scenario);
      expect(described.kind, name).not.toBe('other');
      seen.add(described.kind);
    };
    for (const file of scenarioFiles()) {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) continue;
      const checks = scenarioChecks(loaded.scenario, { reload: (s) => loadScenarioFile(file, s) });
      for (const check of checks) label(check.name, loaded.scenario);
    }
    // A scenario with variables also gets the variant checks.
    const text = fixtureText('good/variants.yaml');
    const variants = loadGood('variants.yaml');
    for (const check of scenarioChecks(variants, { reload: (s) => parseFixture(text, s) }))
      label(check.name, variants);
    expect([...seen].sort()).toEqual(
      ['evidence', 'replay', 'solution', 'unsafe', 'unsolved', 'variant'].sort(),
    );
  });

  it('should carry the evidence line in both languages', () => {
    const bases = readBases();
    const loaded = parseScenario(templateText('en'), DRAFT_FILE, bases);
    if (!loaded.ok) throw new Error('template');
    const evidence = scenarioChecks(loaded.scenario).find((c) => c.name.startsWith('evidence'));
    expect(describeCheck(evidence?.name ?? '', loaded.scenario)).toEqual({
      kind: 'evidence',
      n: 1,
      source: 'events',
      host: 'WEB01',
      command: '',
      text: {
        ja: 'The remote server did not respond to a connection attempt.',
        en: 'The remote server did not respond to a connection attempt.',
      },
    });
    expect(describeCheck('something new', loaded.scenario)).toEqual({
      kind: 'other',
      name: 'something new',
    });
  });
});
