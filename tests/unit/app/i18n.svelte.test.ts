// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { I18n, LOCALE_STORAGE_KEY } from '../../../src/app/i18n.svelte';
import type { KeyValueStore } from '../../../src/app/storage';

function memoryStore(
  initial: Record<string, string> = {},
): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('I18n', () => {
  it('should default to the browser language', () => {
    expect(new I18n(memoryStore(), 'ja-JP').locale).toBe('ja');
    expect(new I18n(memoryStore(), 'de-DE').locale).toBe('en');
  });

  it('should prefer and remember the learner choice', () => {
    const store = memoryStore();
    const i18n = new I18n(store, 'en-US');
    i18n.setLocale('ja');
    expect(store.data.get(LOCALE_STORAGE_KEY)).toBe('ja');
    expect(new I18n(store, 'en-US').locale).toBe('ja');
  });

  it('should ignore a hostile stored value', () => {
    expect(new I18n(memoryStore({ [LOCALE_STORAGE_KEY]: '<script>' }), 'en').locale).toBe('en');
  });

  it('should survive a storage that throws', () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const i18n = new I18n(throwing, 'ja');
    expect(i18n.locale).toBe('ja');
    i18n.setLocale('en');
    expect(i18n.t('console.input')).toBe('Console input');
  });

  it('should translate and pick bilingual texts in the current language', () => {
    const i18n = new I18n(memoryStore(), 'ja');
    expect(i18n.t('console.input')).toBe('コンソール入力');
    expect(i18n.t('catalog.level', { level: 2 })).toBe('レベル 2');
    expect(i18n.pick({ ja: 'キュー', en: 'Queue' })).toBe('キュー');
    expect(i18n.topic('queue')).toBe('キューの滞留');
    expect(i18n.topic('made-up-topic')).toBe('made up topic');
    expect(i18n.topic('__proto__')).toBe('proto');
  });
});
