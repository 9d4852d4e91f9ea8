/**
 * Seeded variants. A scenario declares `variables:` (`pick: [a, b, c]` or `range: [min, max]`)
 * and uses them as `{{name}}` in any string value. A seed picks one value for each variable, in
 * the order the file declares them, with the world's SeededRandom: the same seed always gives the
 * same values, so a variant can be shared as "scenario + seed".
 */
import { SeededRandom } from '../clock/random';
import type { Variable } from './schema';
import type { PathProblem } from './issues';

export type VariableValues = Record<string, string | number>;

/** `{{name}}`, spaces allowed inside the braces. */
export const VARIABLE_REF = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_REF = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** The values a seed picks. */
export function pickValues(vars: Record<string, Variable>, seed: number): VariableValues {
  const rng = new SeededRandom(seed);
  return Object.fromEntries(
    Object.entries(vars).map(([name, v]) => [
      name,
      'pick' in v ? rng.pick(v.pick) : rng.int(v.range[0], v.range[1]),
    ]),
  );
}

/** Does this raw string use a variable? (For notes in error messages.) */
export function usesVariable(value: unknown): boolean {
  return typeof value === 'string' && /\{\{\s*[A-Za-z_]/.test(value);
}

/**
 * Fill `{{name}}` into every string value below `data` (keys are left alone; the root's
 * `variables` entry too). A string that is just `{{name}}` takes the value itself, so a picked
 * number stays a number.
 */
export function fillIn(
  data: unknown,
  values: VariableValues,
): { data: unknown; problems: PathProblem[]; used: Set<string> } {
  const problems: PathProblem[] = [];
  const used = new Set<string>();
  const declared = Object.keys(values);
  const lookup = (name: string, path: PropertyKey[]): string | number | undefined => {
    if (Object.hasOwn(values, name)) {
      used.add(name);
      return values[name];
    }
    const known =
      declared.length > 0 ? `declared: ${declared.join(', ')}` : 'this file declares no variables';
    problems.push({ path, message: `unknown variable '{{${name}}}' (${known})` });
    return undefined;
  };
  const walk = (v: unknown, path: PropertyKey[]): unknown => {
    if (typeof v === 'string') {
      const whole = WHOLE_REF.exec(v);
      if (whole) return lookup(whole[1] as string, path) ?? v;
      return v.replace(VARIABLE_REF, (ref, name: string) => String(lookup(name, path) ?? ref));
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => [
          k,
          path.length === 0 && k === 'variables' ? item : walk(item, [...path, k]),
        ]),
      );
    }
    return v;
  };
  return { data: walk(data, []), problems, used };
}

/** Every value a variable can take that is worth validating: each pick, and both ends of a range. */
export function alternatives(
  vars: Record<string, Variable>,
): { name: string; path: PropertyKey[]; value: string | number }[] {
  return Object.entries(vars).flatMap(([name, v]) =>
    'pick' in v
      ? v.pick.map((value, i) => ({ name, path: ['variables', name, 'pick', i], value }))
      : v.range.map((value, i) => ({ name, path: ['variables', name, 'range', i], value })),
  );
}
