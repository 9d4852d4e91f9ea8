import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  buildIndex,
  catalogModule,
  readScenarioFiles,
  scenarioModule,
} from '../../../plugins/scenarioCatalog';
import type { ScenarioIndexEntry } from '../../../src/app/catalog';
import { parseScenario } from '../../../src/sim';
import { ROOT, loadScenarioFile, scenarioFiles } from '../../../scripts/lib/scenarioFiles';

/** Runs a generated module, as the browser would. */
async function run<T>(code: string): Promise<T> {
  return (await import(
    /* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )) as T;
}

/** Text that would run if a generated module pasted it into code instead of a string. */
const hostile = [
  `'); globalThis.pwned = 1; ('`,
  `"); globalThis.pwned = 1; ("`,
  '`); globalThis.pwned = 1; (`',
  '${(globalThis.pwned = 1)}',
  '</script><script>globalThis.pwned = 1</script> \u2028 \\',
].join(' ');

describe('scenario catalog plugin, with the real loader', () => {
  const files = readScenarioFiles(ROOT);
  const built = buildIndex(files, parseScenario);

  it('should read every YAML file under scenarios/, base worlds included', () => {
    const listed = Object.keys(files);
    expect(listed).toContain('/scenarios/bases/contoso.yaml');
    expect(listed.filter((f) => !f.startsWith('/scenarios/bases/'))).toEqual(
      scenarioFiles().map((f) => `/${f}`),
    );
  });

  it('should give the same outcome as the loader the tests and the CLI use', () => {
    expect(built.index.map((e) => e.file)).toEqual(scenarioFiles());
    for (const entry of built.index) {
      const loaded = loadScenarioFile(entry.file);
      if (!loaded.ok) {
        expect(entry).toEqual({ file: entry.file, ok: false, errors: loaded.errors });
        continue;
      }
      expect(entry.ok).toBe(true);
      expect(isDeepStrictEqual(built.scenarios.get(loaded.scenario.id), loaded.scenario)).toBe(
        true,
      );
    }
  });

  it('should hand each scenario to the page unchanged (it is plain JSON data)', async () => {
    expect(built.scenarios.size).toBeGreaterThan(0);
    for (const scenario of built.scenarios.values()) {
      const module = await run<{ default: unknown }>(scenarioModule(scenario));
      expect(isDeepStrictEqual(module.default, scenario), scenario.id).toBe(true);
    }
    const catalog = await run<{ index: unknown; loaders: Map<string, unknown> }>(
      catalogModule(built),
    );
    expect(catalog.index).toEqual(built.index);
    expect([...catalog.loaders.keys()]).toEqual([...built.scenarios.keys()]);
  });

  it('should list a broken file with its located errors, and never run scenario text', async () => {
    const good = '/scenarios/connection/01-outbound-port-blocked.yaml';
    const doc = parseDocument(readFileSync(join(ROOT, good), 'utf8'));
    doc.setIn(['title', 'en'], hostile);
    doc.setIn(['summary', 'en'], hostile);
    const { index, scenarios } = buildIndex(
      {
        ...Object.fromEntries(Object.entries(files).filter(([f]) => f.includes('/bases/'))),
        '/scenarios/connection/01-hostile.yaml': doc.toString(),
        '/scenarios/queue/01-broken.yaml': 'id: broken-one\nlevel: 7\ntopics: [queue',
      },
      parseScenario,
    );

    const { index: shipped } = await run<{ index: ScenarioIndexEntry[] }>(
      catalogModule({ index, scenarios }),
    );
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    const [hostileEntry, broken] = shipped;
    expect(hostileEntry).toMatchObject({
      ok: true,
      title: { en: hostile },
      summary: { en: hostile },
    });
    const id = hostileEntry?.ok ? hostileEntry.id : '';
    const full = await run<{ default: { title: { en: string } } }>(
      scenarioModule(scenarios.get(id)!),
    );
    expect(full.default.title.en).toBe(hostile);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();

    expect(broken).toMatchObject({
      file: 'scenarios/queue/01-broken.yaml',
      ok: false,
      errors: [{ file: 'scenarios/queue/01-broken.yaml', line: expect.any(Number) }],
    });
  });
});
