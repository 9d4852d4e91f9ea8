import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/app/i18n/en';
import { ja } from '../../../src/app/i18n/ja';
import { format, localeFromLanguage } from '../../../src/app/i18n.svelte';

const root = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** Every `i18n.t(...)` call in src/app and src/ui: its first argument, or null when it is not a literal. */
function keyLookups(): { file: string; key: string | null }[] {
  const files = [...sourceFiles(join(root, 'src/app')), ...sourceFiles(join(root, 'src/ui'))];
  return files.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/\bi18n\.t\(\s*([^,)]*)/g)].map((m) => {
      const literal = /^(['"`])([\w.-]+)\1$/.exec((m[1] ?? '').trim());
      return { file: relative(root, path), key: literal ? (literal[2] ?? null) : null };
    });
  });
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('message catalogues', () => {
  it('should have the same keys in ja and en', () => {
    const enKeys = Object.keys(en).sort();
    const jaKeys = Object.keys(ja).sort();
    expect(
      jaKeys.filter((k) => !enKeys.includes(k)),
      'keys only in ja',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !jaKeys.includes(k)),
      'keys only in en',
    ).toEqual([]);
  });

  it('should use the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]).join() !==
        placeholders(ja[key as keyof typeof ja]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('should have no empty message', () => {
    const empty = [...Object.entries(en), ...Object.entries(ja)].filter(
      ([, text]) => text.trim() === '',
    );
    expect(empty).toEqual([]);
  });

  it('should define every key that src/app and src/ui look up', () => {
    const lookups = keyLookups();
    expect(lookups.length).toBeGreaterThan(50);
    const missing = lookups.filter(({ key }) => key !== null && !(key in en) && !(key in ja));
    expect(missing).toEqual([]);
  });

  it('should not carry keys that nothing uses', () => {
    const used = new Set(keyLookups().map(({ key }) => key));
    expect(Object.keys(en).filter((key) => !used.has(key))).toEqual([]);
  });

  it('should only look keys up with literals (so that this scan sees them all)', () => {
    expect(keyLookups().filter(({ key }) => key === null)).toEqual([]);
  });

  it('should not follow the machine-translated wording ja-terms.md warns about', () => {
    const text = Object.values(ja).join('\n');
    expect(text).not.toMatch(/リレー制限|イベントビューア|イベント ビューア(?!ー)/);
    expect(ja['events.title']).toBe('イベント ビューアー');
    expect(ja['queue.title']).toBe('キュー');
    expect([
      ja['events.col.level'],
      ja['events.col.time'],
      ja['events.col.source'],
      ja['events.col.id'],
    ]).toEqual(['レベル', '日付と時刻', 'ソース', 'イベント ID']);
  });
});

describe('format', () => {
  it('should replace known placeholders and keep unknown ones visible', () => {
    expect(format('{n} of {total}', { n: 1, total: 3 })).toBe('1 of 3');
    expect(format('{n} of {total}', { n: 1 })).toBe('1 of {total}');
  });
});

describe('localeFromLanguage', () => {
  it('should pick ja for any Japanese browser language and en otherwise', () => {
    expect(localeFromLanguage('ja')).toBe('ja');
    expect(localeFromLanguage('ja-JP')).toBe('ja');
    expect(localeFromLanguage('en-US')).toBe('en');
    expect(localeFromLanguage('fr')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });
});
