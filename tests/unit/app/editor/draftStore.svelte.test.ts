import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftStore } from '../../../../src/app/editor/draft.svelte';
import {
  DRAFT_STORAGE_KEY,
  MAX_STORED_DRAFT_CHARS,
  PREVIOUS_DRAFT_KEY,
  REJECTED_DRAFT_KEY,
  parseDraft,
  serializeDraft,
} from '../../../../src/app/editor/draftStorage';
import type { KeyValueStore } from '../../../../src/app/storage';
import { MAX_SCENARIO_BYTES } from '../../../../src/sim';

function memoryStore(
  initial: Record<string, string> = {},
): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const stored = (text: string, dirty = false) => serializeDraft({ text, dirty });

describe('parseDraft', () => {
  it('should read a stored draft and treat no value as no draft', () => {
    expect(parseDraft(stored('id: x', true))).toEqual({
      draft: { text: 'id: x', dirty: true },
      problem: null,
    });
    expect(parseDraft(null)).toEqual({ draft: null, problem: null });
    expect(parseDraft('')).toEqual({ draft: null, problem: null });
  });

  it('should report corrupt, foreign and oversized values, never throw', () => {
    const cases: [string, string][] = [
      ['{"version":1,"text":', 'not-json'],
      ['<script>alert(1)</script>', 'not-json'],
      ['[1,2]', 'wrong-shape'],
      ['null', 'wrong-shape'],
      ['"text"', 'wrong-shape'],
      ['{"version":1,"text":42,"dirty":false}', 'wrong-shape'],
      ['{"version":1,"text":"a"}', 'wrong-shape'],
      ['{"version":2,"text":"a","dirty":false}', 'unknown-version'],
      ['{"__proto__":{"version":1},"text":"a","dirty":false}', 'unknown-version'],
      [stored('a'.repeat(MAX_SCENARIO_BYTES + 1)), 'too-large'],
      ['x'.repeat(MAX_STORED_DRAFT_CHARS + 1), 'too-large'],
    ];
    for (const [raw, problem] of cases)
      expect(parseDraft(raw), raw.slice(0, 60)).toEqual({ draft: null, problem });
  });
});

describe('DraftStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should start without a draft when nothing is stored', () => {
    const draft = new DraftStore(memoryStore());
    expect(draft).toMatchObject({ exists: false, text: '', dirty: false, problem: null });
  });

  it('should load the stored draft', () => {
    const draft = new DraftStore(memoryStore({ [DRAFT_STORAGE_KEY]: stored('id: a', true) }));
    expect(draft).toMatchObject({ exists: true, text: 'id: a', dirty: true, problem: null });
  });

  it('should store edits after a pause, and a replaced text at once', () => {
    const store = memoryStore();
    const draft = new DraftStore(store, 500);
    draft.replace('id: a');
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft).toEqual({
      text: 'id: a',
      dirty: false,
    });
    draft.edit('id: ab');
    draft.edit('id: abc');
    expect(draft.persistState).toBe('pending');
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft?.text).toBe('id: a');
    vi.advanceTimersByTime(500);
    expect(draft.persistState).toBe('saved');
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft).toEqual({
      text: 'id: abc',
      dirty: true,
    });
    draft.markSaved();
    expect(new DraftStore(store).dirty).toBe(false);
  });

  it('should keep a corrupt stored draft aside, report it, and start anew without crashing', () => {
    const corrupt = '{"version":1,"text":"id: lost';
    const store = memoryStore({ [DRAFT_STORAGE_KEY]: corrupt });
    const draft = new DraftStore(store);
    expect(draft).toMatchObject({ exists: false, problem: 'not-json' });
    // Nothing is overwritten until the editor writes a new draft; then the old value is kept aside.
    expect(store.data.get(DRAFT_STORAGE_KEY)).toBe(corrupt);
    draft.replace('id: new');
    expect(store.data.get(REJECTED_DRAFT_KEY)).toBe(corrupt);
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft?.text).toBe('id: new');
    draft.dismissProblem();
    expect(draft.problem).toBeNull();
  });

  it('should refuse an oversized stored draft and keep it aside', () => {
    const huge = stored('#'.repeat(MAX_SCENARIO_BYTES + 10));
    const store = memoryStore({ [DRAFT_STORAGE_KEY]: huge });
    const draft = new DraftStore(store);
    expect(draft).toMatchObject({ exists: false, problem: 'too-large' });
    draft.replace('id: small');
    expect(store.data.get(REJECTED_DRAFT_KEY)).toBe(huge);
  });

  it('should not store a text over the loader limit, and say so', () => {
    const store = memoryStore();
    const draft = new DraftStore(store);
    draft.replace('id: a');
    draft.edit('x'.repeat(MAX_SCENARIO_BYTES + 1));
    draft.flush();
    expect(draft.persistState).toBe('too-large');
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft?.text).toBe('id: a');
  });

  it('should survive storage that throws or is missing', () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const draft = new DraftStore(throwing);
    expect(draft.exists).toBe(false);
    draft.replace('id: a');
    expect(draft).toMatchObject({ text: 'id: a', persistState: 'failed' });
    const none = new DraftStore(null);
    none.replace('id: b');
    expect(none.persistState).toBe('failed');
  });
});

describe('DraftStore, one step back', () => {
  it('should keep the replaced draft as the previous one and swap back on restore', () => {
    const store = memoryStore({ [DRAFT_STORAGE_KEY]: stored('id: mine', true) });
    const draft = new DraftStore(store, 0);
    expect(draft.hasPrevious).toBe(false);
    draft.replace('id: template');
    expect(draft.hasPrevious).toBe(true);
    expect(parseDraft(store.data.get(PREVIOUS_DRAFT_KEY) ?? null).draft).toEqual({
      text: 'id: mine',
      dirty: true,
    });
    expect(draft.restorePrevious()).toBe('id: mine');
    expect([draft.text, draft.dirty]).toEqual(['id: mine', true]);
    expect(draft.restorePrevious()).toBe('id: template');
  });

  it("should keep another tab's draft as the previous one instead of overwriting it", () => {
    const store = memoryStore({ [DRAFT_STORAGE_KEY]: stored('id: start') });
    const tabA = new DraftStore(store, 0);
    const tabB = new DraftStore(store, 0);
    tabB.replace('id: from-a-link');
    tabA.edit('id: start-edited');
    tabA.flush();
    expect(tabA.overwroteOtherTab).toBe(true);
    expect(parseDraft(store.data.get(DRAFT_STORAGE_KEY) ?? null).draft?.text).toBe(
      'id: start-edited',
    );
    expect(parseDraft(store.data.get(PREVIOUS_DRAFT_KEY) ?? null).draft?.text).toBe(
      'id: from-a-link',
    );
    // Its own later writes are not mistaken for another tab's.
    const before = store.data.get(PREVIOUS_DRAFT_KEY);
    tabA.edit('id: start-edited-again');
    tabA.flush();
    expect(store.data.get(PREVIOUS_DRAFT_KEY)).toBe(before);
  });
});
