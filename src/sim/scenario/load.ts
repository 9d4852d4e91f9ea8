/**
 * Loading a scenario file: YAML → schema → reference checks. Every error names the file, the line
 * and column, and the path (`faults[1].port: expected a number from 1 to 65535`). Nothing throws.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ZodError } from 'zod';
import { scenarioSchema, worldSpecSchema, type LoadedScenario, type WorldSpec } from './schema';
import { buildWorldSpec } from './run';

/** Scenario files are small; anything bigger is refused before parsing. */
export const MAX_SCENARIO_BYTES = 256 * 1024;

export interface ScenarioError {
  file: string;
  line?: number;
  column?: number;
  /** Where in the document: `faults[1].port`, or '' for the whole file. */
  path: string;
  message: string;
}

export type ScenarioLoadResult =
  | { ok: true; scenario: LoadedScenario }
  | { ok: false; errors: ScenarioError[] };

export function formatError(e: ScenarioError): string {
  const where = e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Find the YAML node closest to a path, for its position. */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node: Node | null = root;
  let best: Node | null = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = (pair.value as Node | null) ?? (pair.key as Node);
      best = (pair.key as Node) ?? node;
      if (node) best = node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = (node.items[key] as Node | undefined) ?? null;
      if (node) best = node;
      else break;
    } else break;
  }
  return best;
}

/** For unknown keys, point at the key itself. */
function keyNodeAt(root: Node | null, path: readonly PropertyKey[], key: string): Node | null {
  const parent = nodeAt(root, path);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    if (pair?.key) return pair.key as Node;
  }
  return parent;
}

function zodErrors(file: string, err: ZodError, root: Node | null, lc: LineCounter, prefix: PropertyKey[] = []): ScenarioError[] {
  return err.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    let message = issue.message;
    let node = nodeAt(root, path);
    let shownPath = path;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] as string;
      node = keyNodeAt(root, path, key);
      shownPath = [...path, key];
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      message = `unknown kind; expected one of the library's kinds`;
    } else if (issue.code === 'invalid_value' && issue.path[issue.path.length - 1] === 'kind') {
      message = `unknown kind '${String((nodeAt(root, path) as { value?: unknown } | null)?.value)}'; expected one of: ${issue.values.join(', ')}`;
    } else if (issue.code === 'invalid_type') {
      message = message.replace(/^Invalid input: /, '');
    }
    const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
    return { file, line: pos?.line, column: pos?.col, path: pathText(shownPath), message };
  });
}

/**
 * Parse and validate a scenario. `bases` maps a base-world name to its YAML text
 * (scenarios/bases/<name>.yaml).
 */
export function parseScenario(text: string, file: string, bases: Record<string, string>): ScenarioLoadResult {
  if (typeof text !== 'string') return { ok: false, errors: [{ file, path: '', message: 'expected text' }] };
  if (text.length > MAX_SCENARIO_BYTES)
    return { ok: false, errors: [{ file, path: '', message: `file is too large (${text.length} bytes; at most ${MAX_SCENARIO_BYTES})` }] };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, errors: [{ file, path: '', message: `YAML error: ${(e as Error).message}` }] };
  }
  const parsed = scenarioSchema.safeParse(data);
  const root = doc.contents as Node | null;
  if (!parsed.success) return { ok: false, errors: zodErrors(file, parsed.error, root, lc) };
  const scenario = parsed.data;

  const baseText = bases[scenario.world.base];
  if (baseText === undefined) {
    const node = nodeAt(root, ['world', 'base']);
    const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
    return { ok: false, errors: [{ file, line: pos?.line, column: pos?.col, path: 'world.base', message: `unknown base world '${scenario.world.base}'; expected one of: ${Object.keys(bases).join(', ')}` }] };
  }
  const baseResult = parseBaseWorld(baseText, `scenarios/bases/${scenario.world.base}.yaml`);
  if (!baseResult.ok) return baseResult;
  const built = buildWorldSpec(baseResult.world, scenario);
  if (!built.ok) {
    return {
      ok: false,
      errors: built.errors.map((e) => {
        const node = nodeAt(root, e.path);
        const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
        return { file, line: pos?.line, column: pos?.col, path: pathText(e.path), message: e.message };
      }),
    };
  }
  return { ok: true, scenario: { ...scenario, resolvedWorld: built.world } };
}

export function parseBaseWorld(text: string, file: string): { ok: true; world: WorldSpec } | { ok: false; errors: ScenarioError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ file, ...posOf(lc, e.pos[0]), path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` })) };
  }
  const parsed = worldSpecSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!parsed.success) return { ok: false, errors: zodErrors(file, parsed.error, doc.contents as Node | null, lc) };
  return { ok: true, world: parsed.data };
}

function posOf(lc: LineCounter, offset: number) {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}
