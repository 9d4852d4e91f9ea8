/**
 * The one place the IIS Manager reads the virtual server's settings from. The snapshot does not
 * carry them yet, so this reaches into the engine's raw state; when WorldSnapshot gains
 * `iis: Record<host, IisSettings>`, only the body of `readIisSettings` changes.
 */
import type { WorldSession } from '../../app/world.svelte';
import type { IisSettings } from '../../sim/smtp/iisSettings';

export type { IisSettings };

/** A copy of the settings of the IIS host `host` (null when it has none); never mutate the world. */
export function readIisSettings(session: WorldSession, host: string): IisSettings | null {
  const settings = session.internals.iis.get(host)?.settings;
  return settings ? structuredClone(settings) : null;
}
