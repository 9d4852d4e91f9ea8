/**
 * Reading a YAML file defensively, and finding the line and column of a path in it. Scenario files
 * come from anywhere (a shared link, a workshop pack), so a hostile file must be refused quickly:
 * too big, too many items, nested too deep, alias bombs ("billion laughs"), tags that would build
 * non-plain values. Nothing here throws.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { utf8Length } from '../text/utf8';

/** Scenario files are small; anything bigger is refused before parsing. */
export const MAX_SCENARIO_BYTES = 256 * 1024;
/** A long scenario has about 1,000 YAML tokens; the parser slows down past tens of thousands. */
export const MAX_TOKENS = 40_000;
/** Values after expanding aliases: a real scenario has well under 2,000. */
export const MAX_VALUES = 20_000;
export const MAX_DEPTH = 32;
const LEX_FROM = 16 * 1024;
/** yaml's own guard against alias expansion (counted per alias use). */
const MAX_ALIAS_COUNT = 100;
const PLAIN_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

export interface ScenarioError {
  file: string;
  line?: number;
  column?: number;
  /** Where in the document: `faults[1].port`, or '' for the whole file. */
  path: string;
  message: string;
}

export type YamlRead =
  | { ok: true; data: unknown; doc: Document; lc: LineCounter }
  | { ok: false; errors: ScenarioError[] };

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

/** `tag:yaml.org,2002:binary` reads as `!!binary`, the way it was written. */
function tagName(tag: string): string {
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

function tagMessage(tag: string): string {
  return `unsupported YAML tag ${tagName(tag)}: only plain text, numbers, true/false, lists and mappings are allowed`;
}

/** yaml's messages end with " at line 3, column 5:" and a code frame; the position is reported separately. */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

interface Frame {
  node: Node;
  path: PropertyKey[];
  depth: number;
  /** Aliases followed on the way here, to refuse an alias inside its own anchor. */
  via: Set<Node>;
}

/** Depth, size (aliases expanded), keys and tags, without recursion so a deep file cannot overflow the stack. */
function guard(doc: Document, lc: LineCounter, file: string): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const at = (node: Node | null | undefined, path: PropertyKey[], message: string) => {
    const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
    errors.push({ file, line: pos?.line, column: pos?.col, path: pathText(path), message });
  };
  const root = doc.contents as Node | null;
  if (!root) return errors;
  const stack: Frame[] = [{ node: root, path: [], depth: 0, via: new Set() }];
  let values = 0;
  const targets = new Map<Node, Node | undefined>();
  while (stack.length > 0 && errors.length < 20) {
    const { node, path, depth, via } = stack.pop() as Frame;
    if (++values > MAX_VALUES)
      return [
        {
          file,
          path: '',
          message: `too many values (more than ${MAX_VALUES.toLocaleString('en-US')}, counting each alias as a copy); a scenario is far smaller`,
        },
      ];
    // No path for depth: it would be as long as the nesting.
    if (depth > MAX_DEPTH) at(node, [], `nested too deeply (more than ${MAX_DEPTH} levels)`);
    else if (node.tag && !PLAIN_TAGS.has(node.tag)) at(node, path, tagMessage(node.tag));
    else if (isAlias(node)) {
      // Resolving searches the whole document, so each alias is resolved once.
      if (!targets.has(node)) targets.set(node, node.resolve(doc) as Node | undefined);
      const target = targets.get(node);
      if (!target) at(node, path, `unknown alias *${node.source}`);
      else if (via.has(target) || containsNode(target, node))
        at(node, path, `alias *${node.source} refers to its own anchor`);
      else stack.push({ node: target, path, depth, via: new Set([...via, target]) });
    } else if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of [...node.items].reverse()) {
        const key = pair.key as Node | null;
        if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
          at(key ?? node, path, 'expected a plain name as key (not a list, mapping or empty key)');
          continue;
        }
        const name = String(key.value);
        if (seen.has(name)) at(seen.get(name), [...path, name], `duplicate key '${name}'`);
        seen.set(name, key);
        if (pair.value)
          stack.push({ node: pair.value as Node, path: [...path, name], depth: depth + 1, via });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isPair(item)) at(node, [...path, i], 'expected a list item, not a key: value pair');
        else if (item)
          stack.push({ node: item as Node, path: [...path, i], depth: depth + 1, via });
      });
    }
  }
  return errors;
}

/** Is `needle` inside `hay`? (An alias placed inside the very node its anchor names.) */
function containsNode(hay: Node, needle: Node): boolean {
  const a = hay.range;
  const b = needle.range;
  return !!a && !!b && b[0] >= a[0] && b[1] <= a[1];
}

/** Parse YAML text into plain data, or errors that name the place. */
export function readYaml(text: unknown, file: string): YamlRead {
  if (typeof text !== 'string')
    return { ok: false, errors: [{ file, path: '', message: 'expected text' }] };
  // UTF-8 is at most 3 bytes per UTF-16 unit, so only near the limit is the exact count needed.
  const bytes = text.length * 3 > MAX_SCENARIO_BYTES ? utf8Length(text) : text.length;
  if (bytes > MAX_SCENARIO_BYTES)
    return {
      ok: false,
      errors: [
        {
          file,
          path: '',
          message: `file is too large (${bytes.toLocaleString('en-US')} bytes; at most ${MAX_SCENARIO_BYTES.toLocaleString('en-US')})`,
        },
      ],
    };
  if (text.trim() === '')
    return { ok: false, errors: [{ file, path: '', message: 'the file is empty' }] };
  // Count tokens before building anything: the lexer is fast, the composer is not. Below
  // LEX_FROM characters even a file of nothing but tokens parses in a moment, so the pass is skipped.
  let tokens = 0;
  for (const token of text.length < LEX_FROM ? [] : new Lexer().lex(text)) {
    if (token.trim() !== '' && ++tokens > MAX_TOKENS)
      return {
        ok: false,
        errors: [
          {
            file,
            path: '',
            message: `too many items (more than ${MAX_TOKENS.toLocaleString('en-US')} YAML tokens); a scenario is far smaller`,
          },
        ],
      };
  }
  const lc = new LineCounter();
  // Duplicate keys are found by guard(): yaml's own uniqueKeys check is quadratic in the map size.
  const doc = parseDocument(text, {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: false,
    merge: false,
    schema: 'core',
  });
  const syntax: ScenarioError[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lc.linePos(e.pos[0]);
    // One syntax error often causes more on the same line; the first is the one to fix.
    if (syntax.some((s) => s.line === pos.line)) continue;
    const text = yamlMessage(e.message);
    const message =
      e.code === 'TAG_RESOLVE_FAILED'
        ? tagMessage(text.replace(/^Unresolved tag: /, ''))
        : e.code === 'MULTIPLE_DOCS'
          ? "YAML syntax error: a scenario file holds one document; remove the '---' line and what follows"
          : /call stack/i.test(text)
            ? `nested too deeply (more than ${MAX_DEPTH} levels)`
            : `YAML syntax error: ${text}`;
    syntax.push({ file, line: pos.line, column: pos.col, path: '', message });
  }
  if (syntax.length > 0) return { ok: false, errors: syntax };
  const guarded = guard(doc, lc, file);
  if (guarded.length > 0) return { ok: false, errors: guarded };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc, lc };
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, path: '', message: `YAML error: ${(e as Error).message}` }],
    };
  }
}

/** The node at a path, or the closest ancestor that exists (for a missing key: its mapping). */
function nodeAt(root: Node | null, path: readonly PropertyKey[], atKey: boolean): Node | null {
  let node: Node | null = root;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) =>
          (p.key as { value?: unknown } | null)?.value === key ||
          String((p.key as { value?: unknown } | null)?.value) === key,
      );
      if (!pair) return node;
      if (atKey && i === path.length - 1) return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

/** Line and column (1-based) of a path in the parsed YAML. */
export function positionOf(
  doc: Document,
  lc: LineCounter,
  path: readonly PropertyKey[],
  atKey = false,
): { line?: number; column?: number } {
  const node = nodeAt(doc.contents as Node | null, path, atKey);
  if (!node?.range) return {};
  const pos = lc.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}

/** The raw YAML value at a path (before variables are filled in), for notes in messages. */
export function sourceValue(doc: Document, path: readonly PropertyKey[]): unknown {
  const node = nodeAt(doc.contents as Node | null, path, false);
  return isScalar(node) ? node.value : undefined;
}
