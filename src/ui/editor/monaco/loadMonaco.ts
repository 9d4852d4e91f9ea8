import type { Locale } from '../../../sim';

/** The editor module, once its chunk (Monaco, about 3 MB) has loaded. */
export type YamlEditorModule = typeof import('./yamlEditor');

export interface MonacoLoad {
  module: Promise<YamlEditorModule>;
  /** The language Monaco's own texts (menus, find widget) were loaded in. */
  locale: Locale;
}

/** Monaco loads once per page, the first time the editor opens; later visits reuse it. */
let loaded: MonacoLoad | null = null;

/**
 * Loads Monaco with `await import()`, so it is a chunk of its own. In Japanese, Monaco's own
 * Japanese messages are installed first: its modules read them as they load, so they stay in that
 * language until the page reloads.
 */
export function loadMonaco(locale: Locale): MonacoLoad {
  if (!loaded) {
    const module =
      locale === 'ja'
        ? import('monaco-editor/nls/lang/ja').then(() => import('./yamlEditor'))
        : import('./yamlEditor');
    loaded = { module, locale };
    module.catch(() => (loaded = null)); // a failed load is tried again next time
  }
  return loaded;
}
