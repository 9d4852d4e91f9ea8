import type { LoadedScenario, ScenarioError } from '../sim';
// With its extension: vite.config.ts loads this file too (plugins/scenarioCatalog.ts), natively.
import { TOPICS } from '../sim/scenario/topics.ts';

/**
 * The scenario catalog. The scenario files are parsed and validated at build time (and by the dev
 * server) by plugins/scenarioCatalog.ts, which hands the page a light index; this module turns
 * that index into the catalog's groups and loads a full scenario only when it is opened. Every
 * file is listed: one that fails to load becomes a `broken` entry carrying its errors, so a bad
 * file never hides the others.
 */

/** What the catalog needs of a scenario; the full scenario is loaded on demand (`scenarioLoader`). */
export type ScenarioSummary = Pick<LoadedScenario, 'id' | 'title' | 'summary' | 'level' | 'topics'>;

/** One scenario file in the build-time index (`virtual:scenario-catalog`). */
export type ScenarioIndexEntry =
  | ({ file: string; ok: true } & ScenarioSummary)
  | { file: string; ok: false; errors: ScenarioError[] };

/** Full scenarios by id, each its own lazily loaded module. */
export type ScenarioLoaders = ReadonlyMap<string, () => Promise<{ default: LoadedScenario }>>;

export interface CatalogScenario {
  kind: 'ok';
  file: string;
  folder: string;
  order: number;
  scenario: ScenarioSummary;
}

export interface CatalogBroken {
  kind: 'broken';
  file: string;
  folder: string;
  order: number;
  /** File name without numeric prefix and extension, to name the entry. */
  slug: string;
  errors: ScenarioError[];
}

export type CatalogEntry = CatalogScenario | CatalogBroken;

export interface CatalogGroup {
  folder: string;
  entries: CatalogEntry[];
}

export interface Catalog {
  groups: CatalogGroup[];
  entries: CatalogEntry[];
  /** Loaded scenarios by id. */
  byId: ReadonlyMap<string, CatalogScenario>;
}

interface FileName {
  file: string;
  folder: string;
  stem: string;
  order: number;
  slug: string;
}

/** Splits `/scenarios/relay/02-app-denied.yaml` into its parts. */
export function describeFile(path: string): FileName {
  const file = path.replace(/^\/+/, '');
  const parts = file.split('/');
  const base = parts[parts.length - 1] ?? file;
  const stem = base.replace(/\.ya?ml$/i, '');
  const match = /^(\d+)[-_]?(.*)$/.exec(stem);
  const folder = parts.length > 2 ? (parts[1] ?? '') : '';
  return {
    file,
    folder,
    stem,
    order: match ? Number(match[1]) : Number.MAX_SAFE_INTEGER,
    slug: match && match[2] ? match[2] : stem,
  };
}

/**
 * A folder's place: its numeric prefix (`01-relay`); else, for a curriculum topic (`setup`,
 * `connection`…), the topic's place in the curriculum, after the numbered folders; else last.
 */
function folderOrder(folder: string): [number, string] {
  const match = /^(\d+)[-_]?(.*)$/.exec(folder);
  if (match) return [Number(match[1]), match[2] ?? ''];
  const topic = (TOPICS as readonly string[]).indexOf(folder);
  return topic >= 0
    ? [Number.MAX_SAFE_INTEGER - TOPICS.length + topic, folder]
    : [Number.MAX_SAFE_INTEGER, folder];
}

/** Builds the catalog from the index: groups by folder, orders by numeric prefix. */
export function catalogFromIndex(index: readonly ScenarioIndexEntry[]): Catalog {
  const entries: CatalogEntry[] = [];
  const byId = new Map<string, CatalogScenario>();
  for (const item of index) {
    const name = describeFile(item.file);
    const where = { file: name.file, folder: name.folder, order: name.order };
    if (!item.ok) {
      entries.push({ kind: 'broken', ...where, slug: name.slug, errors: item.errors });
      continue;
    }
    const { id, title, summary, level, topics } = item;
    const entry: CatalogScenario = {
      kind: 'ok',
      ...where,
      scenario: { id, title, summary, level, topics },
    };
    byId.set(id, entry);
    entries.push(entry);
  }

  entries.sort(
    (a, b) =>
      compareFolders(a.folder, b.folder) || a.order - b.order || a.file.localeCompare(b.file),
  );
  const groups: CatalogGroup[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last && last.folder === entry.folder) last.entries.push(entry);
    else groups.push({ folder: entry.folder, entries: [entry] });
  }
  return { groups, entries, byId };
}

/**
 * Loads full scenarios on demand. A scenario already loaded comes back as is, not as a promise,
 * so `{#await}` shows it at once when a page opens it again. A failed load is not remembered:
 * opening the scenario again retries.
 */
export function scenarioLoader(
  loaders: ScenarioLoaders,
): (id: string) => LoadedScenario | Promise<LoadedScenario> {
  const loaded = new Map<string, LoadedScenario>();
  return (id) => {
    const done = loaded.get(id);
    if (done) return done;
    const load = loaders.get(id);
    if (!load) return Promise.reject(new Error(`no scenario with id "${id}"`));
    return load().then(({ default: scenario }) => {
      loaded.set(id, scenario);
      return scenario;
    });
  };
}

function compareFolders(a: string, b: string): number {
  const [oa, na] = folderOrder(a);
  const [ob, nb] = folderOrder(b);
  return oa - ob || na.localeCompare(nb);
}

/** The topic slug of a folder (`01-relay` → `relay`). */
export function topicSlug(folder: string): string {
  return folderOrder(folder)[1] || folder;
}
