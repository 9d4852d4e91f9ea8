/**
 * Vite plugin: the scenario files are parsed and validated in Node, at build time and by the dev
 * server, with the real loader (the one the tests and the CLI use). The first screen then ships
 * neither the loader nor zod nor yaml, only what the catalog shows.
 *
 *  - `virtual:scenario-catalog` exports `index`, one light entry per file in scenarios/ (a broken
 *    file with its errors), and `loaders`, a Map from scenario id to a lazy import of:
 *  - `virtual:scenario/<id>`, the full LoadedScenario as JSON: one small chunk per scenario.
 *
 * The loader is imported through Vite's module runner (`runnerImport`), not by vite.config.ts
 * itself: the config stays small, and the dev server can tell which source files the loader is made
 * of. It validates again, and reloads the page, when a scenario file or one of those is added,
 * changed or removed. The types of the virtual modules are in src/app/virtual-modules.d.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { describeFile, type ScenarioIndexEntry } from '../src/app/catalog.ts';
import type { LoadedScenario, ScenarioError, ScenarioLoadResult } from '../src/sim/index.ts';

/** The loader the tests and the CLI use. */
const LOADER = 'src/sim/scenario/load.ts';

export const CATALOG_MODULE = 'virtual:scenario-catalog';
export const SCENARIO_MODULE = 'virtual:scenario/';
/** Rollup's marker for a module that is not a file, so that other plugins leave it alone. */
const VIRTUAL = '\0';
const SCENARIO_FOLDER = 'scenarios';
const BASES_FOLDER = 'bases';

export type ParseScenario = (
  text: string,
  fileName: string,
  bases: Record<string, string>,
) => ScenarioLoadResult;

export interface ScenarioIndex {
  /** Every scenario file (not the base worlds), valid or broken, in file-name order. */
  index: ScenarioIndexEntry[];
  /** The valid scenarios by id. */
  scenarios: Map<string, LoadedScenario>;
}

/**
 * The YAML files under `<root>/scenarios/`, keyed like `import.meta.glob('/scenarios/**\/*.yaml')`
 * (`/scenarios/queue/01-destination-down.yaml`), in file-name order.
 */
export function readScenarioFiles(root: string): Record<string, string> {
  const dir = join(root, SCENARIO_FOLDER);
  const paths = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split(sep).join('/'))
    .filter((path) => path.endsWith('.yaml') && !path.split('/').some((p) => p.startsWith('.')))
    .sort();
  return Object.fromEntries(
    paths.map((path) => [`/${SCENARIO_FOLDER}/${path}`, readFileSync(join(dir, path), 'utf8')]),
  );
}

/**
 * Parses every file; never throws, whatever the files contain. Base worlds (scenarios/bases/) are
 * passed to the parser, not listed. A file that fails to load, crashes the loader or repeats an
 * id is listed with its errors.
 */
export function buildIndex(files: Record<string, string>, parse: ParseScenario): ScenarioIndex {
  const bases: Record<string, string> = {};
  const scenarioFiles: [string, string][] = [];
  for (const [path, text] of Object.entries(files)) {
    const name = describeFile(path);
    if (name.folder === BASES_FOLDER) bases[name.stem] = text;
    else scenarioFiles.push([name.file, text]);
  }

  const index: ScenarioIndexEntry[] = [];
  const scenarios = new Map<string, LoadedScenario>();
  const fileOf = new Map<string, string>();
  for (const [file, text] of scenarioFiles) {
    const broken = (message: string, path = '') =>
      index.push({ file, ok: false, errors: [{ file, path, message }] });
    let result: ScenarioLoadResult;
    try {
      result = parse(String(text), file, bases);
    } catch (error) {
      broken(`loader crashed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!result.ok) {
      if (result.errors.length > 0) index.push({ file, ok: false, errors: result.errors });
      else broken('invalid scenario');
      continue;
    }
    const { scenario } = result;
    const { id, title, summary, level, topics } = scenario;
    const first = fileOf.get(id);
    if (first) {
      broken(`duplicate id "${id}" (also in ${first})`, 'id');
      continue;
    }
    // The page receives the scenario as JSON: anything JSON would lose must not get that far.
    const lost = notJson(scenario, '');
    if (lost) {
      broken(`internal error, please report it: the loaded scenario is not plain data (${lost})`);
      continue;
    }
    fileOf.set(id, file);
    scenarios.set(id, scenario);
    index.push({ file, ok: true, id, title, summary, level, topics });
  }
  return { index, scenarios };
}

/** Where `value` holds something that JSON.stringify would drop or change, or null. */
function notJson(value: unknown, path: string): string | null {
  const here = path || 'the scenario';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${here}: ${value}`;
  if (typeof value !== 'object') return `${here}: ${typeof value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = notJson(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    return `${here}: ${value.constructor?.name ?? 'object'}`;
  for (const [key, item] of Object.entries(value)) {
    const problem = notJson(item, path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return null;
}

/** Source of `virtual:scenario-catalog`. Scenario texts are JSON string data: nothing in them runs. */
export function catalogModule({ index, scenarios }: ScenarioIndex): string {
  const loaders = [...scenarios.keys()].map(
    (id) => `  [${JSON.stringify(id)}, () => import(${JSON.stringify(SCENARIO_MODULE + id)})],`,
  );
  return [
    `export const index = JSON.parse(${JSON.stringify(JSON.stringify(index))});`,
    `export const loaders = new Map([`,
    ...loaders,
    `]);`,
    '',
  ].join('\n');
}

/** Source of `virtual:scenario/<id>`. */
export function scenarioModule(scenario: LoadedScenario): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(scenario))});\n`;
}

interface Loader {
  parseScenario: ParseScenario;
  formatError: (error: ScenarioError) => string;
}

export function scenarioCatalog(): Plugin {
  let root = process.cwd();
  /** The index of the files as they are now; dropped when one of them changes (dev server). */
  let built: Promise<ScenarioIndex> | null = null;
  /** The source files of the loader, as last imported. */
  let loaderFiles = new Set<string>();

  async function indexNow(warn: (message: string) => void): Promise<ScenarioIndex> {
    const entry = join(root, LOADER);
    const { module, dependencies } = await runnerImport<Loader>(entry, { root, logLevel: 'warn' });
    loaderFiles = new Set([entry, ...dependencies]);
    const index = buildIndex(readScenarioFiles(root), module.parseScenario);
    const errors = index.index.flatMap((e) => (e.ok ? [] : e.errors.map(module.formatError)));
    if (errors.length > 0)
      warn(`broken scenario files, listed as broken:\n  ${errors.join('\n  ')}`);
    return index;
  }
  function current(warn: (message: string) => void): Promise<ScenarioIndex> {
    built ??= indexNow(warn).catch((error: unknown) => {
      built = null; // try again on the next request (dev server)
      throw error;
    });
    return built;
  }
  const isScenarioFile = (file: string): boolean => {
    const path = relative(join(root, SCENARIO_FOLDER), file);
    return path.endsWith('.yaml') && !path.startsWith('..') && !isAbsolute(path);
  };

  return {
    name: 'mailroot:scenario-catalog',
    configResolved(config) {
      root = config.root;
    },
    // Validate once up front, rather than in the first load that needs the index.
    async buildStart() {
      await current((message) => this.warn(message));
    },
    // The filters let the bundler skip this plugin for every other module.
    resolveId: {
      filter: { id: /^virtual:scenario[/-]/ },
      handler(id) {
        if (id === CATALOG_MODULE || id.startsWith(SCENARIO_MODULE)) return VIRTUAL + id;
        return null;
      },
    },
    load: {
      filter: { id: /^\0virtual:scenario[/-]/ },
      async handler(id) {
        const index = await current((message) => this.warn(message));
        if (id === VIRTUAL + CATALOG_MODULE) return catalogModule(index);
        if (id.startsWith(VIRTUAL + SCENARIO_MODULE)) {
          const scenarioId = id.slice(VIRTUAL.length + SCENARIO_MODULE.length);
          const scenario = index.scenarios.get(scenarioId);
          if (!scenario) this.error(`no valid scenario with id "${scenarioId}"`);
          return scenarioModule(scenario);
        }
        return null;
      },
    },
    // Dev server: a scenario file or the loader changed. Validate again on the next request and
    // reload the page (the catalog and the open scenario may both have changed).
    hotUpdate({ file }) {
      if (this.environment.name !== 'client') return;
      if (!isScenarioFile(file) && !loaderFiles.has(file)) return;
      built = null;
      const graph = this.environment.moduleGraph;
      for (const [id, module] of graph.idToModuleMap) {
        if (id === VIRTUAL + CATALOG_MODULE || id.startsWith(VIRTUAL + SCENARIO_MODULE))
          graph.invalidateModule(module);
      }
      this.environment.hot.send({ type: 'full-reload' });
      return [];
    },
  };
}
