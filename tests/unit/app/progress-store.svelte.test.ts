// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PROGRESS_STORAGE_KEY } from '../../../src/app/progress';
import { ProgressStore } from '../../../src/app/progress.svelte';
import type { KeyValueStore } from '../../../src/app/storage';

function memoryStore(
  initial: Record<string, string> = {},
): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const now = () => 1_750_000_000_000;

describe('ProgressStore', () => {
  it('should move a scenario from new to in progress to solved and persist it', () => {
    const store = memoryStore();
    const progress = new ProgressStore(store, now);
    expect(progress.get('a').status).toBe('new');
    progress.start('a');
    expect(progress.get('a').status).toBe('in-progress');
    progress.solve('a');
    expect(progress.get('a')).toEqual({ status: 'solved', hintsUsed: 0, solvedAt: now() });
    expect(new ProgressStore(store).get('a')).toEqual({
      status: 'solved',
      hintsUsed: 0,
      solvedAt: now(),
    });
  });

  it('should record wrong diagnoses once each, then the right one, and persist them', () => {
    const store = memoryStore();
    const progress = new ProgressStore(store, now);
    progress.answer('a', 'dns', false);
    progress.answer('a', 'dns', false);
    progress.answer('a', 'relay', false);
    expect(progress.get('a')).toMatchObject({
      status: 'in-progress',
      diagnosis: { wrongChoices: ['dns', 'relay'], diagnosed: false },
    });
    progress.answer('a', 'firewall', true);
    progress.answer('a', 'smart-host', false);
    const expected = { wrongChoices: ['dns', 'relay'], diagnosed: true };
    expect(progress.get('a').diagnosis).toEqual(expected);
    expect(new ProgressStore(store).get('a').diagnosis).toEqual(expected);
  });

  it('should keep what another tab stored meanwhile when it writes', () => {
    const store = memoryStore();
    const tabA = new ProgressStore(store, now);
    const tabB = new ProgressStore(store, () => now() + 1000);
    tabA.solve('x');
    tabA.answer('y', 'dns', false);
    tabB.useHint('z', 3);
    tabB.answer('y', 'relay', false);
    const stored = new ProgressStore(store);
    expect(stored.get('x')).toEqual({ status: 'solved', hintsUsed: 0, solvedAt: now() });
    expect(stored.get('z').hintsUsed).toBe(1);
    expect(stored.get('y').diagnosis).toEqual({ wrongChoices: ['dns', 'relay'], diagnosed: false });
    // The other tab learns of it too (the storage event).
    tabA.reload();
    expect(tabA.get('z').hintsUsed).toBe(1);
  });

  it('should not take back from storage an entry it was asked to forget', () => {
    const store = memoryStore();
    const progress = new ProgressStore(store, now);
    progress.start('draft.a');
    progress.forget('draft.a');
    expect(new ProgressStore(store).get('draft.a').status).toBe('new');
  });

  it('should count hints up to the number of hints and keep the first solve time', () => {
    const progress = new ProgressStore(memoryStore(), now);
    expect(progress.useHint('a', 3)).toBe(1);
    expect(progress.get('a').status).toBe('in-progress');
    progress.useHint('a', 3);
    progress.useHint('a', 3);
    expect(progress.useHint('a', 3)).toBe(3);
    progress.solve('a');
    const first = progress.get('a').solvedAt;
    progress.start('a');
    progress.solve('a');
    expect(progress.get('a')).toEqual({ status: 'solved', hintsUsed: 3, solvedAt: first });
  });

  it('should keep valid entries from corrupt storage, report the rest and back the original up on first write', () => {
    const raw = JSON.stringify({
      version: 1,
      scenarios: { good: { status: 'solved', hintsUsed: 1, solvedAt: 5 }, bad: 42 },
    });
    const store = memoryStore({ [PROGRESS_STORAGE_KEY]: raw });
    const progress = new ProgressStore(store, now);
    expect(progress.get('good').status).toBe('solved');
    expect(progress.problems).toEqual([{ key: 'bad', reason: 'bad-entry' }]);
    progress.start('other');
    expect(store.data.get(`${PROGRESS_STORAGE_KEY}.rejected`)).toBe(raw);
    const reread = new ProgressStore(store);
    expect(reread.problems).toEqual([]);
    expect(reread.get('good').status).toBe('solved');
    expect(reread.get('other').status).toBe('in-progress');
    progress.dismissProblems();
    expect(progress.problems).toEqual([]);
  });

  it('should not crash on unparseable storage or a storage that throws', () => {
    const progress = new ProgressStore(memoryStore({ [PROGRESS_STORAGE_KEY]: '\u0000{' }), now);
    expect(progress.problems).toEqual([{ key: null, reason: 'not-json' }]);
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const fragile = new ProgressStore(throwing, now);
    fragile.solve('a');
    expect(fragile.get('a').status).toBe('solved');
    expect(new ProgressStore(null).get('a').status).toBe('new');
  });

  it('should forget one scenario and keep the others', () => {
    const store = memoryStore();
    const progress = new ProgressStore(store, now);
    progress.start('draft.my-scenario');
    progress.useHint('draft.my-scenario', 3);
    progress.solve('other');
    progress.forget('draft.my-scenario');
    expect(progress.get('draft.my-scenario').status).toBe('new');
    const reloaded = new ProgressStore(store);
    expect(reloaded.get('draft.my-scenario')).toEqual({
      status: 'new',
      hintsUsed: 0,
      solvedAt: null,
    });
    expect(reloaded.get('other').status).toBe('solved');
    progress.forget('never-seen');
  });
});
