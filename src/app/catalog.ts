import type { LoadedScenario, ScenarioError, ScenarioLoadResult } from '../sim';

/**
 * The scenario catalog, built from the raw YAML files. Every file is listed: one that fails to
 * parse becomes a `broken` entry carrying its errors, so a bad file never hides the others.
 */

export interface CatalogScenario {
  kind: 'ok';
  file: string;
  folder: string;
  order: number;
  scenario: LoadedScenario;
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
  /** Base worlds by name (file stem of scenarios/bases/<name>.yaml). */
  bases: Record<string, string>;
}

export type ParseScenario = (
  text: string,
  fileName: string,
  bases: Record<string, string>,
) => ScenarioLoadResult;

const BASES_FOLDER = 'bases';

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

function folderOrder(folder: string): [number, string] {
  const match = /^(\d+)[-_]?(.*)$/.exec(folder);
  return match ? [Number(match[1]), match[2] ?? ''] : [Number.MAX_SAFE_INTEGER, folder];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the catalog; never throws, whatever the files contain. */
export function buildCatalog(files: Record<string, string>, parse: ParseScenario): Catalog {
  const bases: Record<string, string> = {};
  const scenarioFiles: [FileName, string][] = [];
  for (const [path, text] of Object.entries(files)) {
    const name = describeFile(path);
    if (name.folder === BASES_FOLDER) bases[name.stem] = text;
    else scenarioFiles.push([name, text]);
  }

  const entries: CatalogEntry[] = [];
  const byId = new Map<string, CatalogScenario>();
  for (const [name, text] of scenarioFiles) {
    const broken = (errors: ScenarioError[]): CatalogBroken => ({
      kind: 'broken',
      ...pick(name),
      slug: name.slug,
      errors,
    });
    let result: ScenarioLoadResult;
    try {
      result = parse(String(text), name.file, bases);
    } catch (error) {
      entries.push(
        broken([{ file: name.file, path: '', message: `loader crashed: ${message(error)}` }]),
      );
      continue;
    }
    if (!result.ok) {
      entries.push(
        broken(
          result.errors.length > 0
            ? result.errors
            : [{ file: name.file, path: '', message: 'invalid scenario' }],
        ),
      );
      continue;
    }
    const id = result.scenario.id;
    const first = byId.get(id);
    if (first) {
      entries.push(
        broken([
          { file: name.file, path: 'id', message: `duplicate id "${id}" (also in ${first.file})` },
        ]),
      );
      continue;
    }
    const entry: CatalogScenario = { kind: 'ok', ...pick(name), scenario: result.scenario };
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
  return { groups, entries, byId, bases };
}

function pick(name: FileName): { file: string; folder: string; order: number } {
  return { file: name.file, folder: name.folder, order: name.order };
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
