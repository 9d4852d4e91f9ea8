import type { Locale } from '../sim';
import { en, type MessageKey } from './i18n/en';
import { ja } from './i18n/ja';
import { topicNames } from './i18n/topics';
import { browserStorage, readItem, writeItem, type KeyValueStore } from './storage';

export type { MessageKey };
export type Params = Record<string, string | number>;
/** A bilingual text as scenarios carry it. */
export type Localized = Record<Locale, string>;

export const LOCALE_STORAGE_KEY = 'mailroot-lab.locale';
export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** `ja` for any Japanese browser language (ja, ja-JP), otherwise `en`. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Replaces `{name}` with params.name; unknown placeholders stay visible so they get noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The UI language: chosen in the header, remembered in localStorage, first guessed from the browser. */
export class I18n {
  #locale = $state.raw<Locale>('en');
  #store: KeyValueStore | null;

  constructor(store: KeyValueStore | null, browserLanguage: string | undefined) {
    this.#store = store;
    const saved = readItem(store, LOCALE_STORAGE_KEY);
    this.#locale = saved === 'ja' || saved === 'en' ? saved : localeFromLanguage(browserLanguage);
  }

  get locale(): Locale {
    return this.#locale;
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    writeItem(this.#store, LOCALE_STORAGE_KEY, locale);
  }

  /** The message for `key` in the current language. Always call with a literal key (the tests scan for them). */
  t(key: MessageKey, params?: Params): string {
    return format(catalogues[this.#locale][key] ?? key, params);
  }

  /** Picks the current language from a scenario's bilingual text (falls back to the other one). */
  pick(text: Localized | undefined | null): string {
    if (!text) return '';
    return text[this.#locale] || text[this.#locale === 'ja' ? 'en' : 'ja'] || '';
  }

  /** Display name of a topic folder slug. */
  topic(slug: string): string {
    const names = Object.hasOwn(topicNames, slug) ? topicNames[slug] : undefined;
    return names ? names[this.#locale] : slug.replace(/[-_]+/g, ' ').trim();
  }
}

export const i18n = new I18n(browserStorage(), globalThis.navigator?.language);
