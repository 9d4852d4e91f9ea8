import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioLoader } from '../../../../src/app/editor/loaderClient';
import { DraftValidation } from '../../../../src/app/editor/validation.svelte';
import type { ScenarioLoadResult } from '../../../../src/sim';

const bases = { contoso: 'hosts: {}' };
const invalid = (message: string): ScenarioLoadResult => ({
  ok: false,
  errors: [{ file: 'draft.yaml', line: 1, column: 1, path: 'level', message }],
});

/** A loader whose answers the test gives, one per request. */
function fakeLoader() {
  const requests: { text: string; answer: (result: ScenarioLoadResult) => void }[] = [];
  const loader: Pick<ScenarioLoader, 'load'> = {
    load: (text) => new Promise((resolve) => requests.push({ text, answer: resolve })),
  };
  return { loader, requests };
}

describe('DraftValidation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should validate once typing pauses, and show the verdict', async () => {
    const { loader, requests } = fakeLoader();
    const validation = new DraftValidation(loader, 300);
    validation.schedule('level: 7', bases);
    await vi.advanceTimersByTimeAsync(299);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.map((r) => r.text)).toEqual(['level: 7']);
    expect(validation.pending).toBe(true);
    requests[0]!.answer(invalid('bad level'));
    await vi.runAllTimersAsync();
    expect(validation.pending).toBe(false);
    expect(validation.problems.map((p) => p.message)).toEqual(['bad level']);
  });

  it('should cancel a scheduled validation and drop a late verdict for an older text', async () => {
    const { loader, requests } = fakeLoader();
    const validation = new DraftValidation(loader, 300);
    const cancelFirst = validation.schedule('a', bases);
    await vi.advanceTimersByTimeAsync(300);
    cancelFirst(); // the text changed while "a" was being validated
    const cancelSecond = validation.schedule('ab', bases);
    cancelSecond(); // and again before "ab" was sent
    validation.schedule('abc', bases);
    await vi.advanceTimersByTimeAsync(300);
    expect(requests.map((r) => r.text)).toEqual(['a', 'abc']);
    requests[0]!.answer(invalid('late'));
    await vi.runAllTimersAsync();
    expect(validation.problems).toEqual([]);
    expect(validation.pending).toBe(true);
    requests[1]!.answer({ ok: true } as ScenarioLoadResult);
    await vi.runAllTimersAsync();
    expect(validation.pending).toBe(false);
  });

  it('should show a failure of the validator as a problem of the whole file', async () => {
    const validation = new DraftValidation({ load: () => Promise.reject(new Error('boom')) });
    expect(await validation.validateNow('id: x', bases)).toBe(false);
    expect(validation.problems).toEqual([
      { file: 'draft.yaml', path: '', message: 'the validator failed: boom' },
    ]);
  });
});
