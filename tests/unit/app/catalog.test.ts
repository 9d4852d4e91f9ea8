import { describe, expect, it } from 'vitest';
import {
  catalogFromIndex,
  describeFile,
  scenarioLoader,
  topicSlug,
  type ScenarioIndexEntry,
} from '../../../src/app/catalog';
import type { LoadedScenario } from '../../../src/sim';
import { buildIndex, type ParseScenario } from '../../../plugins/scenarioCatalog';

/** A stand-in parser: `id: x` makes a scenario, `error` fails with a located error, `throw` crashes. */
const fakeParse: ParseScenario = (text, fileName, bases) => {
  if (text.startsWith('throw')) throw new Error('boom');
  if (text.startsWith('error')) {
    return {
      ok: false,
      errors: [
        { file: fileName, line: 3, column: 5, path: 'faults[0].port', message: 'expected number' },
      ],
    };
  }
  const id = /id: (\S+)/.exec(text)?.[1] ?? 'none';
  const scenario = {
    id,
    level: 1,
    topics: ['queue'],
    title: { ja: id, en: id },
    summary: { ja: 's', en: 's' },
    briefing: { ja: 'b', en: 'b' },
    basesSeen: Object.keys(bases),
  } as unknown as LoadedScenario;
  return { ok: true, scenario };
};

describe('describeFile', () => {
  it('should split folder, order and slug', () => {
    expect(describeFile('/scenarios/relay/02-app-denied.yaml')).toEqual({
      file: 'scenarios/relay/02-app-denied.yaml',
      folder: 'relay',
      stem: '02-app-denied',
      order: 2,
      slug: 'app-denied',
    });
    expect(describeFile('/scenarios/loose.yaml').folder).toBe('');
    expect(topicSlug('03-queue')).toBe('queue');
  });
});

// The files are parsed at build time by the plugin (buildIndex); the page builds its catalog
// from the light index (catalogFromIndex). Together they are the old in-browser buildCatalog.
describe('buildIndex + catalogFromIndex', () => {
  const files = {
    '/scenarios/bases/small-office.yaml': 'base',
    '/scenarios/queue/02-second.yaml': 'id: second',
    '/scenarios/queue/01-first.yaml': 'id: first',
    '/scenarios/queue/03-broken.yaml': 'error',
    '/scenarios/connection/01-crash.yaml': 'throw',
    '/scenarios/connection/02-dup.yaml': 'id: first',
  };
  const built = buildIndex(files, fakeParse);
  const catalog = catalogFromIndex(built.index);

  it('should pass base worlds to the parser and not list them', () => {
    expect(built.index.some((e) => e.file.includes('bases'))).toBe(false);
    expect(catalog.entries.some((e) => e.file.includes('bases'))).toBe(false);
    expect((built.scenarios.get('first') as unknown as { basesSeen: string[] }).basesSeen).toEqual([
      'small-office',
    ]);
  });

  it('should put only what the catalog shows in the index', () => {
    expect(built.index.find((e) => e.ok && e.id === 'second')).toEqual({
      file: 'scenarios/queue/02-second.yaml',
      ok: true,
      id: 'second',
      title: { ja: 'second', en: 'second' },
      summary: { ja: 's', en: 's' },
      level: 1,
      topics: ['queue'],
    });
    expect(catalog.byId.get('second')?.scenario).toEqual({
      id: 'second',
      title: { ja: 'second', en: 'second' },
      summary: { ja: 's', en: 's' },
      level: 1,
      topics: ['queue'],
    });
    expect([...built.scenarios.keys()].sort()).toEqual(['first', 'second']);
  });

  it('should group by folder and order by numeric prefix', () => {
    expect(
      catalog.groups.map((g) => [g.folder, g.entries.map((e) => e.file.split('/').pop())]),
    ).toEqual([
      ['connection', ['01-crash.yaml', '02-dup.yaml']],
      ['queue', ['01-first.yaml', '02-second.yaml', '03-broken.yaml']],
    ]);
  });

  it('should list numbered folders first, then the topics in curriculum order, then the rest', () => {
    const folders = ['dns', 'extra', 'setup', '02-workshop', 'queue', 'connection', '01-intro'];
    const { index } = buildIndex(
      Object.fromEntries(folders.map((f, i) => [`/scenarios/${f}/01-a.yaml`, `id: s${i}`])),
      fakeParse,
    );
    expect(catalogFromIndex(index).groups.map((g) => g.folder)).toEqual([
      '01-intro',
      '02-workshop',
      'setup',
      'connection',
      'queue',
      'dns',
      'extra',
    ]);
  });

  it('should list a file that fails to parse, with its located errors', () => {
    const broken = catalog.entries.find((e) => e.file.endsWith('03-broken.yaml'));
    expect(broken).toMatchObject({
      kind: 'broken',
      slug: 'broken',
      errors: [
        {
          file: 'scenarios/queue/03-broken.yaml',
          line: 3,
          column: 5,
          path: 'faults[0].port',
          message: 'expected number',
        },
      ],
    });
  });

  it('should survive a parser that throws, and flag duplicate ids', () => {
    const crash = catalog.entries.find((e) => e.file.endsWith('01-crash.yaml'));
    expect(crash).toMatchObject({
      kind: 'broken',
      errors: [{ file: 'scenarios/connection/01-crash.yaml', message: 'loader crashed: boom' }],
    });
    const dup = catalog.entries.find((e) => e.file.endsWith('02-dup.yaml'));
    expect(dup).toMatchObject({ kind: 'broken', errors: [{ path: 'id' }] });
    expect(catalog.byId.get('first')?.file).toBe('scenarios/queue/01-first.yaml');
  });

  it('should list a scenario that JSON cannot carry as broken, saying what is wrong', () => {
    const parse: ParseScenario = (text, file, bases) => {
      const result = fakeParse(text, file, bases);
      if (result.ok) Object.assign(result.scenario, { when: new Date(0), note: undefined });
      return result;
    };
    const { index, scenarios } = buildIndex({ '/scenarios/queue/01-x.yaml': 'id: x' }, parse);
    expect(scenarios.size).toBe(0);
    expect(index).toMatchObject([
      { ok: false, errors: [{ message: /not plain data \(when: Date\)/ }] },
    ]);
  });
});

describe('scenarioLoader', () => {
  const scenario = { id: 'one' } as LoadedScenario;

  it('should load on first use and then return the scenario itself', async () => {
    let calls = 0;
    const load = scenarioLoader(
      new Map([['one', () => (calls++, Promise.resolve({ default: scenario }))]]),
    );
    const first = load('one');
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(scenario);
    expect(load('one')).toBe(scenario);
    expect(calls).toBe(1);
  });

  it('should reject an unknown id, and retry a load that failed', async () => {
    let fail = true;
    const load = scenarioLoader(
      new Map([
        [
          'one',
          () =>
            fail
              ? Promise.reject(new Error('Failed to fetch dynamically imported module'))
              : Promise.resolve({ default: scenario }),
        ],
      ]),
    );
    await expect(load('nope')).rejects.toThrow('no scenario with id "nope"');
    await expect(load('one')).rejects.toThrow('Failed to fetch');
    fail = false;
    expect(await load('one')).toBe(scenario);
  });
});

describe('catalogFromIndex', () => {
  it('should make an empty catalog from an empty index', () => {
    const index: ScenarioIndexEntry[] = [];
    expect(catalogFromIndex(index)).toEqual({ groups: [], entries: [], byId: new Map() });
  });
});
