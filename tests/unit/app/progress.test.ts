import { describe, expect, it } from 'vitest';
import {
  MAX_STORED_CHARS,
  parseProgress,
  serializeProgress,
  type ScenarioProgress,
} from '../../../src/app/progress';

const solved: ScenarioProgress = { status: 'solved', hintsUsed: 1, solvedAt: 1_700_000_000_000 };

function stored(scenarios: unknown, version: unknown = 1): string {
  return JSON.stringify({ version, scenarios });
}

describe('parseProgress', () => {
  it('should read nothing from an empty storage', () => {
    expect(parseProgress(null)).toEqual({ entries: new Map(), problems: [] });
  });

  it('should round-trip what it writes', () => {
    const entries = new Map([
      ['a', solved],
      ['b', { status: 'in-progress', hintsUsed: 0, solvedAt: null } as ScenarioProgress],
    ]);
    expect(parseProgress(serializeProgress(entries))).toEqual({ entries, problems: [] });
  });

  it.each([
    ['not JSON', '{oops', 'not-json'],
    ['JSON null', 'null', 'wrong-shape'],
    ['an array', '[1,2]', 'wrong-shape'],
    ['no scenarios map', '{"version":1}', 'wrong-shape'],
    ['another version', stored({}, 99), 'unknown-version'],
    ['a huge value', 'x'.repeat(MAX_STORED_CHARS + 1), 'too-large'],
  ])('should report %s as a whole-value problem', (_name, raw, reason) => {
    const result = parseProgress(raw);
    expect(result.entries.size).toBe(0);
    expect(result.problems).toEqual([{ key: null, reason }]);
  });

  it('should keep valid entries and report each invalid one', () => {
    const result = parseProgress(
      stored({
        good: solved,
        'bad-status': { status: 'hacked', hintsUsed: 0 },
        'bad-hints': { status: 'new', hintsUsed: -1 },
        'float-hints': { status: 'new', hintsUsed: 1.5 },
        'bad-time': { status: 'solved', hintsUsed: 0, solvedAt: 'yesterday' },
        'not-object': 'solved',
        '<img src=x onerror=alert(1)>': solved,
        also: { status: 'in-progress' },
      }),
    );
    expect([...result.entries.keys()]).toEqual(['good', 'also']);
    expect(result.entries.get('also')).toEqual({
      status: 'in-progress',
      hintsUsed: 0,
      solvedAt: null,
    });
    expect(result.problems).toEqual([
      { key: 'bad-status', reason: 'bad-entry' },
      { key: 'bad-hints', reason: 'bad-entry' },
      { key: 'float-hints', reason: 'bad-entry' },
      { key: 'bad-time', reason: 'bad-entry' },
      { key: 'not-object', reason: 'bad-entry' },
      { key: '<img src=x onerror=alert(1)>', reason: 'bad-id' },
    ]);
  });

  it('should keep a valid diagnosis record, and drop only a malformed one', () => {
    const diagnosis = { wrongChoices: ['dns'], diagnosed: true };
    const result = parseProgress(
      stored({
        good: { ...solved, diagnosis },
        'not-object': { ...solved, diagnosis: 'yes' },
        'bad-flag': { ...solved, diagnosis: { wrongChoices: [], diagnosed: 1 } },
        'bad-id': { ...solved, diagnosis: { wrongChoices: ['<b>', 'dns'], diagnosed: false } },
        'too-many': {
          ...solved,
          diagnosis: {
            wrongChoices: Array.from({ length: 12 }, (_, i) => `c${i}`),
            diagnosed: false,
          },
        },
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.entries.get('good')).toEqual({ ...solved, diagnosis });
    expect(result.entries.get('not-object')).toEqual(solved);
    expect(result.entries.get('bad-flag')).toEqual(solved);
    expect(result.entries.get('bad-id')?.diagnosis).toEqual({
      wrongChoices: ['dns'],
      diagnosed: false,
    });
    expect(result.entries.get('too-many')?.diagnosis?.wrongChoices).toHaveLength(10);
  });

  it('should not let "__proto__" pollute anything', () => {
    const result = parseProgress(
      '{"version":1,"scenarios":{"__proto__":{"status":"solved"},"ok":{"status":"new"}}}',
    );
    expect(result.entries.has('ok')).toBe(true);
    expect(result.problems).toEqual([{ key: '__proto__', reason: 'bad-id' }]);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  it('should drop solvedAt of an entry that is not solved', () => {
    const result = parseProgress(
      stored({ a: { status: 'in-progress', hintsUsed: 2, solvedAt: 5 } }),
    );
    expect(result.entries.get('a')).toEqual({
      status: 'in-progress',
      hintsUsed: 2,
      solvedAt: null,
    });
  });
});

describe('serializeProgress', () => {
  it('should leave out untouched scenarios', () => {
    const text = serializeProgress(
      new Map([['x', { status: 'new', hintsUsed: 0, solvedAt: null } as ScenarioProgress]]),
    );
    expect(JSON.parse(text)).toEqual({ version: 1, scenarios: {} });
  });
});
