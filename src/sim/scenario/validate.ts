/**
 * From plain data (parsed YAML) to a loaded scenario: variables filled in for a seed, the schema,
 * the rules a schema cannot say, the base world, faults and host references. Problems carry paths;
 * load.ts turns them into file:line:col. Every value a variable can take is validated too, so a
 * variant that only some seeds pick cannot hide a broken scenario.
 */
import { scenarioSchema, type LoadedScenario, type Scenario, type WorldSpec } from './schema';
import { explainIssues, plainErrorMap, type PathProblem } from './issues';
import { scenarioRules } from './checks';
import { buildWorldSpec } from './build';
import { alternatives, fillIn, pickValues, type VariableValues } from './variables';
import { pathText, type ScenarioError } from './yamlDoc';

export type BaseLoader = (
  name: string,
) => { ok: true; world: WorldSpec } | { ok: false; errors: ScenarioError[] } | null;

export type Validation =
  | { ok: true; scenario: LoadedScenario }
  | { ok: false; problems: PathProblem[]; values: VariableValues; baseErrors?: ScenarioError[] };

/** At most this many alternative values are validated (20 picks × a few variables is plenty). */
const MAX_ALTERNATIVES = 100;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Instance =
  | { ok: true; scenario: Scenario; world: WorldSpec }
  | { ok: false; problems: PathProblem[]; baseErrors?: ScenarioError[] };

/** One variant: fill in, validate, build. */
function instance(
  data: unknown,
  values: VariableValues,
  loadBase: BaseLoader,
  checkUnused: boolean,
  bases: string[],
): Instance {
  const filled = fillIn(data, values);
  const problems = [...filled.problems];
  if (checkUnused)
    for (const name of Object.keys(values))
      if (!filled.used.has(name))
        problems.push({
          path: ['variables', name],
          message: `variable '${name}' is never used as {{${name}}}`,
          atKey: true,
        });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = scenarioSchema.safeParse(filled.data, { error: plainErrorMap });
  if (!parsed.success) return { ok: false, problems: explainIssues(parsed.error.issues) };
  const scenario = parsed.data;
  const rules = scenarioRules(scenario);
  if (rules.length > 0) return { ok: false, problems: rules };
  const base = loadBase(scenario.world.base);
  if (!base)
    return {
      ok: false,
      problems: [
        {
          path: ['world', 'base'],
          message: `unknown base world '${scenario.world.base}'; expected one of: ${bases.join(', ')}`,
        },
      ],
    };
  if (!base.ok)
    return {
      ok: false,
      problems: [
        {
          path: ['world', 'base'],
          message: `base world '${scenario.world.base}' is invalid (see below)`,
        },
      ],
      baseErrors: base.errors,
    };
  const built = buildWorldSpec(base.world, scenario);
  if (!built.ok) return { ok: false, problems: built.errors };
  return { ok: true, scenario, world: built.world };
}

/** Validate parsed data for one seed; `bases` names the base worlds `loadBase` knows. */
export function validateScenarioData(
  data: unknown,
  loadBase: BaseLoader,
  bases: string[],
  seed: number,
): Validation {
  let values: VariableValues = {};
  const rawVariables = isObject(data) ? data.variables : undefined;
  if (rawVariables !== undefined) {
    const vars = scenarioSchema.shape.variables.safeParse(rawVariables, { error: plainErrorMap });
    if (!vars.success)
      return { ok: false, problems: explainIssues(vars.error.issues, ['variables']), values };
    values = pickValues(vars.data ?? {}, seed);
  }
  const first = instance(data, values, loadBase, true, bases);
  if (!first.ok)
    return { ok: false, problems: first.problems, values, baseErrors: first.baseErrors };

  // Try every other value each variable can take; report the first that breaks, at the variable.
  const problems: PathProblem[] = [];
  const broken = new Set<string>();
  for (const alt of alternatives(first.scenario.variables ?? {}).slice(0, MAX_ALTERNATIVES)) {
    if (broken.has(alt.name) || alt.value === values[alt.name]) continue;
    const result = instance(data, { ...values, [alt.name]: alt.value }, loadBase, false, bases);
    if (result.ok) continue;
    broken.add(alt.name);
    const p = result.problems[0] as PathProblem;
    problems.push({
      path: alt.path,
      message: `with ${alt.name} = ${JSON.stringify(alt.value)}: ${pathText(p.path) || 'the file'}: ${p.message}`,
    });
  }
  if (problems.length > 0) return { ok: false, problems, values };
  return {
    ok: true,
    scenario: { ...first.scenario, resolvedWorld: first.world, variant: { seed, values } },
  };
}
