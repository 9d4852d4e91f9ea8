/**
 * Guarded access to Web Storage. localStorage can be missing (old embedded browsers), throw on
 * access (privacy modes, sandboxed iframes) or throw on write (quota): none of that may break the
 * app, so every call here fails soft.
 */

/** The part of the Storage interface the app uses; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage, or null when it is unavailable. */
export function browserStorage(): KeyValueStore | null {
  try {
    const store = globalThis.localStorage;
    return store ?? null;
  } catch {
    return null;
  }
}

/** Reads a value; null when absent or unreadable. */
export function readItem(store: KeyValueStore | null, key: string): string | null {
  if (!store) return null;
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a value; false when the write failed (no storage, quota exceeded). */
export function writeItem(store: KeyValueStore | null, key: string, value: string): boolean {
  if (!store) return false;
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
