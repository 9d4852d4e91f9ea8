/**
 * Names of the IIS virtual-server settings a scenario may check (`setting` objectives) or change
 * (`config` solution steps), in the dotted form the world's `config.set` uses (`relay.list`).
 * Derived from the configuration model so the two cannot drift apart (reference §4).
 */
import { defaultIisSettings } from '../smtp/iisSettings';

/** Identity fields are not settings an administrator edits in IIS Manager. */
const NOT_SETTINGS = new Set(['computerName', 'version', 'utcOffsetMinutes']);

function names(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    if (!prefix && NOT_SETTINGS.has(k)) return [];
    const name = prefix + k;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? names(v as Record<string, unknown>, `${name}.`)
      : [name];
  });
}

export const SETTING_NAMES = names(
  defaultIisSettings('server.example', 'SERVER', 0) as unknown as Record<string, unknown>,
) as [string, ...string[]];

/** The current value of a dotted setting name, or undefined if there is no such setting. */
export function settingValueOf(settings: object, name: string): unknown {
  return name
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined,
      settings,
    );
}
