import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  describeFile,
  topicSlug,
  type ParseScenario,
} from '../../../src/app/catalog';
import type { Scenario, ScenarioLoadResult } from '../../../src/sim';

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
    basesSeen: Object.keys(bases),
  } as unknown as Scenario;
  return { ok: true, scenario } as ScenarioLoadResult;
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

describe('buildCatalog', () => {
  const files = {
    '/scenarios/bases/small-office.yaml': 'base',
    '/scenarios/queue/02-second.yaml': 'id: second',
    '/scenarios/queue/01-first.yaml': 'id: first',
    '/scenarios/queue/03-broken.yaml': 'error',
    '/scenarios/connection/01-crash.yaml': 'throw',
    '/scenarios/connection/02-dup.yaml': 'id: first',
  };
  const catalog = buildCatalog(files, fakeParse);

  it('should pass base worlds to the parser and not list them', () => {
    expect(catalog.bases).toEqual({ 'small-office': 'base' });
    expect(catalog.entries.some((e) => e.file.includes('bases'))).toBe(false);
    expect(
      (catalog.byId.get('first')?.scenario as unknown as { basesSeen: string[] }).basesSeen,
    ).toEqual(['small-office']);
  });

  it('should group by folder and order by numeric prefix', () => {
    expect(
      catalog.groups.map((g) => [g.folder, g.entries.map((e) => e.file.split('/').pop())]),
    ).toEqual([
      ['connection', ['01-crash.yaml', '02-dup.yaml']],
      ['queue', ['01-first.yaml', '02-second.yaml', '03-broken.yaml']],
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
    expect(crash?.kind).toBe('broken');
    const dup = catalog.entries.find((e) => e.file.endsWith('02-dup.yaml'));
    expect(dup).toMatchObject({ kind: 'broken', errors: [{ path: 'id' }] });
    expect(catalog.byId.get('first')?.file).toBe('scenarios/queue/01-first.yaml');
  });
});
