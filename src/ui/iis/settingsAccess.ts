/** The one place the IIS Manager reads the virtual server's settings from: the world snapshot. */
import type { WorldSession } from '../../app/world.svelte';
import type { IisSettings } from '../../sim/smtp/iisSettings';

export type { IisSettings };

/** A copy of the settings of the IIS host `host` (null when it has none); never mutate the world. */
export function readIisSettings(session: WorldSession, host: string): IisSettings | null {
  const settings = session.snapshot.iis[host];
  return settings ? structuredClone(settings) : null;
}
