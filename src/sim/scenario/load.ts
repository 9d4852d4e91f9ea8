/**
 * Loading a scenario file: YAML → variables → schema → rules → world. Every error names the file,
 * the line and column, and the path (`faults[1].port: expected a number from 1 to 65535`).
 * Nothing throws: a bad file comes back as a list of errors, so the catalog can show it.
 */
import { worldSpecSchema, type LoadedScenario, type WorldSpec } from './schema';
import { explainIssues, plainErrorMap, type PathProblem } from './issues';
import { validateScenarioData, type Validation } from './validate';
import { usesVariable, VARIABLE_REF, type VariableValues } from './variables';
import { pathText, positionOf, readYaml, sourceValue, type ScenarioError } from './yamlDoc';
import type { Document, LineCounter } from 'yaml';

export { MAX_SCENARIO_BYTES, type ScenarioError } from './yamlDoc';

export type ScenarioLoadResult =
  { ok: true; scenario: LoadedScenario } | { ok: false; errors: ScenarioError[] };

export interface ParseOptions {
  /** Picks the values of the scenario's `variables` (default 1); the world created from it uses the same seed. */
  seed?: number;
}

/** A long list of errors is cut here: the first ones are what an author fixes first. */
const MAX_ERRORS = 50;

export function formatError(e: ScenarioError): string {
  const where = e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

function located(
  file: string,
  doc: Document,
  lc: LineCounter,
  problems: PathProblem[],
  values: VariableValues = {},
): ScenarioError[] {
  const errors = problems.map((p) => {
    const raw = sourceValue(doc, p.path);
    // A value that came from {{name}} says which value this seed put there.
    const refs =
      !p.atKey && usesVariable(raw)
        ? [...String(raw).matchAll(VARIABLE_REF)].filter((m) =>
            Object.hasOwn(values, m[1] as string),
          )
        : [];
    const note =
      refs.length > 0
        ? ` (with ${refs.map((m) => `${m[0]} = ${JSON.stringify(values[m[1] as string])}`).join(', ')})`
        : '';
    return {
      file,
      ...positionOf(doc, lc, p.path, p.atKey),
      path: pathText(p.path),
      message: p.message + note,
    };
  });
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return capped(errors, file);
}

function capped(errors: ScenarioError[], file: string): ScenarioError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [
    ...errors.slice(0, MAX_ERRORS),
    { file, path: '', message: `… and ${errors.length - MAX_ERRORS} more errors` },
  ];
}

/**
 * Parse and validate a scenario. `bases` maps a base-world name to its YAML text
 * (scenarios/bases/<name>.yaml).
 */
export function parseScenario(
  text: string,
  file: string,
  bases: Record<string, string>,
  options: ParseOptions = {},
): ScenarioLoadResult {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0)
    return {
      ok: false,
      errors: [{ file, path: '', message: 'the seed must be a whole number of at least 0' }],
    };
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, errors: capped(read.errors, file) };
  const loadBase = (name: string) =>
    Object.hasOwn(bases, name)
      ? parsedBase(bases[name] as string, `scenarios/bases/${name}.yaml`)
      : null;
  if (read.data === null || read.data === undefined)
    return {
      ok: false,
      errors: [{ file, path: '', message: 'the file is empty (only comments)' }],
    };
  let result: Validation;
  try {
    result = validateScenarioData(read.data, loadBase, Object.keys(bases), seed);
  } catch (e) {
    // A bug in a fault applier must not take the catalog down: the file is listed with this error.
    return {
      ok: false,
      errors: [
        {
          file,
          path: '',
          message: `internal error while loading (please report it): ${(e as Error).message}`,
        },
      ],
    };
  }
  if (result.ok) return result;
  return {
    ok: false,
    errors: [
      ...located(file, read.doc, read.lc, result.problems, result.values),
      ...(result.baseErrors ?? []),
    ],
  };
}

/** Base worlds parsed recently, by text: a catalog loads many scenarios on the same base. */
const BASE_CACHE = new Map<string, ReturnType<typeof parseBaseWorld>>();
const BASE_CACHE_SIZE = 8;

/** parseBaseWorld, remembered. Callers never change the result (buildWorldSpec copies it). */
function parsedBase(text: string, file: string): ReturnType<typeof parseBaseWorld> {
  const key = `${file}\n${text}`;
  let result = BASE_CACHE.get(key);
  if (!result) {
    result = parseBaseWorld(text, file);
    if (BASE_CACHE.size >= BASE_CACHE_SIZE)
      BASE_CACHE.delete(BASE_CACHE.keys().next().value as string);
    BASE_CACHE.set(key, result);
  }
  return result;
}

export function parseBaseWorld(
  text: string,
  file: string,
): { ok: true; world: WorldSpec } | { ok: false; errors: ScenarioError[] } {
  const read = readYaml(text, file);
  if (!read.ok) return read;
  const parsed = worldSpecSchema.safeParse(read.data, { error: plainErrorMap });
  if (!parsed.success)
    return {
      ok: false,
      errors: located(file, read.doc, read.lc, explainIssues(parsed.error.issues)),
    };
  return { ok: true, world: parsed.data };
}
