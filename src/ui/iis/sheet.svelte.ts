/**
 * Editing state of the Properties dialog. Values are kept flat, by the dotted setting names the
 * world's `config.set` takes (`relay.list`, `logging.schedule`), so that OK / Apply can send one
 * patch with exactly the keys that changed, and an error the world returns (`relay.list: ...`)
 * can be shown next to the control that edits that key.
 */
import { settingErrorText } from './settingErrors';
import type { ActionResult } from '../../sim';
import { SETTING_NAMES, settingValueOf } from '../../sim/scenario/settingNames';
import { SETTING_CHECKS } from '../../sim/world/configPatch';
import type { IisSettings } from './settingsAccess';

/** What a field control needs: the Properties sheet itself, or a sub-dialog's pending copy. */
export interface ValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** The world's complaint about this key after the last OK / Apply, until the key is edited. */
  error(key: string): string | null;
  /** False for a control whose setting the engine does not accept (yet): shown disabled. */
  modeled(key: string): boolean;
}

/** True when the engine's `config.set` accepts the key. */
export function isModeled(key: string): boolean {
  return Object.hasOwn(SETTING_CHECKS, key);
}

/** Every setting as `name: value` (deep copies). */
export function flatten(settings: IisSettings): Record<string, unknown> {
  return Object.fromEntries(
    SETTING_NAMES.map((n) => [n, structuredClone(settingValueOf(settings, n))]),
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The keys whose value differs from the original, with their new values. */
export function changedPatch(
  original: Record<string, unknown>,
  current: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(current).filter(([k, v]) => !same(v, original[k])));
}

/** Splits the world's `key: message` error; key is null when the message names no known setting. */
export function parseWorldError(error: string): { key: string | null; message: string } {
  const m = /^([A-Za-z][\w.()-]*): ([\s\S]+)$/.exec(error);
  if (m && isModeled(m[1] as string)) return { key: m[1] as string, message: m[2] as string };
  return { key: null, message: error };
}

/** A number box: digits become a number, anything else goes to the world as typed (it explains why not). */
export function parseCount(text: string): number | string {
  return /^\s*\d{1,15}\s*$/.test(text) ? Number(text) : text;
}

export type ApplyOutcome = { ok: true } | { ok: false; key: string | null; message: string };

export class PropertySheet implements ValueStore {
  #original = $state.raw<Record<string, unknown>>({});
  #values = $state.raw<Record<string, unknown>>({});
  #errors = $state.raw<Record<string, string>>({});
  /** An error the world returned that names no field. */
  #general = $state.raw<string | null>(null);

  /** True when some value differs from what the world holds (Apply is enabled). */
  readonly dirty = $derived(Object.keys(changedPatch(this.#original, this.#values)).length > 0);

  constructor(settings: IisSettings) {
    this.#reset(settings);
  }

  get general(): string | null {
    return this.#general === null ? null : settingErrorText(this.#general);
  }

  /** True when any field shows an error. */
  get hasErrors(): boolean {
    return Object.keys(this.#errors).length > 0 || this.#general !== null;
  }

  get(key: string): unknown {
    return this.#values[key];
  }

  set(key: string, value: unknown): void {
    this.#values = { ...this.#values, [key]: value };
    if (key in this.#errors) {
      const { [key]: _dropped, ...rest } = this.#errors;
      this.#errors = rest;
    }
  }

  /** The world's reason for refusing `key`, in the learner's language. */
  error(key: string): string | null {
    const reason = this.#errors[key];
    return reason === undefined ? null : settingErrorText(reason);
  }

  /** The first error among `keys` (for the button that opens the sub-dialog holding them). */
  errorIn(keys: readonly string[]): string | null {
    for (const k of keys) if (this.#errors[k]) return this.error(k);
    return null;
  }

  modeled(key: string): boolean {
    return isModeled(key);
  }

  /** Sends the changed keys as one `config.set`; on success the sheet starts again from the world's values. */
  apply(
    send: (patch: Record<string, unknown>) => ActionResult,
    reread: () => IisSettings | null,
  ): ApplyOutcome {
    const patch = changedPatch(this.#original, this.#values);
    this.#errors = {};
    this.#general = null;
    if (Object.keys(patch).length === 0) return { ok: true };
    const result = send(patch);
    if (!result.ok) {
      const { key, message } = parseWorldError(result.error ?? 'unknown error');
      if (key) this.#errors = { [key]: message };
      else this.#general = message;
      return { ok: false, key, message };
    }
    const fresh = reread();
    if (fresh) this.#reset(fresh);
    else this.#original = this.#values;
    return { ok: true };
  }

  #reset(settings: IisSettings): void {
    const flat = flatten(settings);
    this.#original = flat;
    this.#values = structuredClone(flat);
  }
}

/** A sub-dialog's pending edits: OK copies them into the sheet, Cancel drops them. */
export class PendingStore implements ValueStore {
  #sheet: ValueStore;
  #values = $state.raw<Record<string, unknown>>({});
  #touched = $state.raw<readonly string[]>([]);

  constructor(sheet: ValueStore, keys: readonly string[]) {
    this.#sheet = sheet;
    this.#values = Object.fromEntries(keys.map((k) => [k, structuredClone(sheet.get(k))]));
  }

  get(key: string): unknown {
    return key in this.#values ? this.#values[key] : this.#sheet.get(key);
  }

  set(key: string, value: unknown): void {
    this.#values = { ...this.#values, [key]: value };
    if (!this.#touched.includes(key)) this.#touched = [...this.#touched, key];
  }

  error(key: string): string | null {
    return this.#touched.includes(key) ? null : this.#sheet.error(key);
  }

  modeled(key: string): boolean {
    return this.#sheet.modeled(key);
  }

  commit(): void {
    for (const [k, v] of Object.entries(this.#values))
      if (!same(v, this.#sheet.get(k))) this.#sheet.set(k, v);
  }
}
