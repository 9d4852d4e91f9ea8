/**
 * The texts the editor starts from: the base worlds the loader needs, the curriculum's own scenario
 * files (to copy one) and the new-scenario template. Only the editor imports this module, so none
 * of it is in the first screen's chunk; each scenario file is fetched when it is copied.
 */
import type { Locale } from '../../sim';
import { describeFile } from '../catalog';
import templateEn from './template.en.yaml?raw';
import templateJa from './template.ja.yaml?raw';

const baseFiles = import.meta.glob<string>('/scenarios/bases/*.yaml', {
  query: '?raw',
  import: 'default',
});
const scenarioFiles = import.meta.glob<string>(['/scenarios/**/*.yaml', '!/scenarios/bases/**'], {
  query: '?raw',
  import: 'default',
});

/** A short valid scenario that passes every check, its comments in the UI language. */
export function templateText(locale: Locale): string {
  return locale === 'ja' ? templateJa : templateEn;
}

let bases: Promise<Record<string, string>> | null = null;

/** scenarios/bases/<name>.yaml by name, as parseScenario wants them (loaded once). */
export function loadBases(): Promise<Record<string, string>> {
  bases ??= Promise.all(
    Object.entries(baseFiles).map(
      async ([path, load]) => [describeFile(path).stem, await load()] as const,
    ),
  ).then(Object.fromEntries);
  return bases;
}

/** The raw text of a curriculum file (`scenarios/queue/01-destination-down.yaml`), or null. */
export function loadScenarioSource(file: string): Promise<string> | null {
  const load = scenarioFiles[`/${file.replace(/^\/+/, '')}`];
  return load ? load() : null;
}
