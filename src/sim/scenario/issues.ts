/**
 * zod issues rewritten into plain English for scenario authors: `expected a number from 1 to
 * 65535`, `expected one of: a, b`, `expected text`, `required`, `unknown key 'sizKb' (did you mean
 * 'sizeKb'?)`. A message written into the schema itself (a custom message) always wins over these:
 * zod only asks this map when the schema gave none.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** A problem at a path of the document; `atKey` points at the key itself (unknown keys). */
export interface PathProblem {
  path: PropertyKey[];
  message: string;
  atKey?: boolean;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  null: 'null',
  date: 'a date',
};

function quote(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[x.length] as number[])[y.length] as number;
}

function unknownKey(key: string, allowed: string[]): string {
  const close = allowed
    .map((k) => ({ k, d: distance(key, k) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  if (close) return `unknown key '${key}' (did you mean '${close.k}'?)`;
  return `unknown key '${key}'; expected one of: ${allowed.join(', ')}`;
}

/** Keys an object (or a record with a fixed key list) accepts. */
function allowedKeys(s: unknown): string[] {
  const def = (s as z.core.$ZodType | undefined)?._zod.def as
    { shape?: Record<string, unknown>; keyType?: z.core.$ZodType } | undefined;
  if (def?.shape) return Object.keys(def.shape);
  const values = def?.keyType?._zod.values;
  return values ? [...values].map(String) : [];
}

/** How a schema reads in a message: `text`, `{ console, host }`... */
function describeSchema(s: z.core.$ZodType): string {
  const def = s._zod.def as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    values?: unknown[];
  };
  if (def.type === 'object' && def.shape) {
    const required = Object.entries(def.shape)
      .filter(([, v]) => v._zod.optin !== 'optional')
      .map(([k]) => k);
    return `{ ${required.join(', ')} }`;
  }
  if (def.type === 'literal' && def.values) return def.values.map(quote).join(' or ');
  return TYPE_WORDS[def.type] ?? def.type;
}

function numberBounds(s: unknown): { min: number; max: number } | null {
  const n = s as { minValue?: number | null; maxValue?: number | null } | undefined;
  if (!(s instanceof z.ZodNumber) || !n) return null;
  // .int() alone sets the safe-integer limits; those are no range an author wrote.
  const bound = (v: number | null | undefined, none: number) =>
    v === null || v === undefined || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? none : v;
  return { min: bound(n.minValue, -Infinity), max: bound(n.maxValue, Infinity) };
}

/** "a whole number" only when the fraction is the problem; otherwise the range reads the same for ints. */
function numberMessage(b: { min: number; max: number }, whole = false): string {
  const what = whole ? 'a whole number' : 'a number';
  if (Number.isFinite(b.min) && Number.isFinite(b.max))
    return `expected ${what} from ${b.min} to ${b.max}`;
  if (Number.isFinite(b.min)) return `expected ${what} of at least ${b.min}`;
  if (Number.isFinite(b.max)) return `expected ${what} of at most ${b.max}`;
  return `expected ${what}`;
}

/** The schema an issue is about (for checks such as `.min()`, zod puts the check in `inst`). */
function schemaOf(iss: Issue): unknown {
  return (iss as { schema?: unknown }).schema ?? iss.inst;
}

function sizeMessage(
  iss: Issue & {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    exact?: boolean;
  },
): string {
  const small = iss.code === 'too_small';
  const n = Number(small ? iss.minimum : iss.maximum);
  if (iss.origin === 'string') {
    if (small) return n <= 1 ? 'must not be empty' : `expected at least ${plural(n, 'character')}`;
    return `too long: at most ${plural(n, 'character')}`;
  }
  if (iss.origin === 'array' || iss.origin === 'set') {
    const tuple = (iss.inst?._zod.def as { type?: string } | undefined)?.type === 'tuple';
    if (tuple || iss.exact) return `expected exactly ${plural(n, 'item')}`;
    return small
      ? `expected at least ${plural(n, 'item')}`
      : `expected at most ${plural(n, 'item')}`;
  }
  const bounds = numberBounds(schemaOf(iss));
  if (bounds) return numberMessage(bounds);
  return small ? `expected at least ${n}` : `expected at most ${n}`;
}

/** The error map given to every scenario parse. */
export const plainErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'required';
      if (iss.expected === 'number' || iss.expected === 'int') {
        const b = numberBounds(schemaOf(iss)) ?? { min: -Infinity, max: Infinity };
        const base = numberMessage(
          b,
          typeof iss.input === 'number' && !Number.isInteger(iss.input),
        );
        if (typeof iss.input === 'string' && /^-?\d+(\.\d+)?$/.test(iss.input.trim()))
          return `${base}, not the text '${iss.input}' (remove the quotes)`;
        return base;
      }
      if (iss.expected === 'object' && allowedKeys(schemaOf(iss)).join() === 'ja,en')
        return 'expected the text in both languages: { ja: …, en: … }';
      return `expected ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeMessage(iss as Parameters<typeof sizeMessage>[0]);
    case 'invalid_value': {
      const expected =
        iss.values.length === 1
          ? `expected ${quote(iss.values[0])}`
          : `expected one of: ${iss.values.map(quote).join(', ')}`;
      return iss.input === undefined ? `required; ${expected}` : expected;
    }
    case 'unrecognized_keys': {
      // One line per key: the loader reports each unknown key at its own position.
      return iss.keys.map((k) => unknownKey(k, allowedKeys(schemaOf(iss)))).join('\n');
    }
    case 'invalid_union': {
      const u = iss as typeof iss & { discriminator?: string; options?: unknown[] };
      if (u.discriminator) {
        const options = (u.options ?? []).map(quote).join(', ');
        const value = (iss.input as Record<string, unknown> | undefined)?.[u.discriminator];
        if (value === undefined) return `required; expected one of: ${options}`;
        return `unknown ${u.discriminator} '${quote(value)}'; expected one of: ${options}`;
      }
      const options = (
        (iss.inst?._zod.def as { options?: z.core.$ZodType[] } | undefined)?.options ?? []
      ).map(describeSchema);
      if (options.length === 0) return 'expected a different value';
      return options.some((o) => o.startsWith('{'))
        ? `expected one of the forms: ${options.join(', ')}`
        : `expected ${options.join(' or ')}`;
    }
    case 'invalid_key':
      return 'invalid key';
    case 'invalid_format': {
      const f = iss as typeof iss & { format: string; pattern?: string };
      if (f.format === 'regex' && f.pattern) return `expected text matching ${f.pattern}`;
      if (f.format === 'datetime') return 'expected an ISO date-time like 2026-03-05T06:00:00Z';
      return `expected ${f.format === 'email' ? 'a mail address' : `a valid ${f.format}`}`;
    }
    case 'not_multiple_of':
      return `expected a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
};

type FinalIssue = z.core.$ZodIssue;

/** For a failed plain union, the branch the author most likely meant (none if every branch disowns the keys). */
function likelyBranch(branches: FinalIssue[][]): FinalIssue[] | null {
  const owned = branches.filter(
    (b) => !b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0),
  );
  const simple = owned.every(
    (b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0,
  );
  if (owned.length === 0 || simple) return null;
  return owned.reduce((best, b) => (b.length < best.length ? b : best));
}

/** Flatten zod's issues into path problems: unions resolved to their likely branch, one problem per unknown key. */
export function explainIssues(
  issues: readonly FinalIssue[],
  prefix: PropertyKey[] = [],
): PathProblem[] {
  const out: PathProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n');
      issue.keys.forEach((key, i) =>
        out.push({
          path: [...path, key],
          message: lines[i] ?? lines[0] ?? `unknown key '${key}'`,
          atKey: true,
        }),
      );
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = likelyBranch(issue.errors);
      if (branch) out.push(...explainIssues(branch, path));
      else out.push({ path, message: issue.message });
    } else if (issue.code === 'invalid_key') {
      // zod puts the key last in the path; the key's own schema carries the message.
      const key = path[path.length - 1];
      out.push({
        path,
        message: `invalid name '${String(key)}': ${issue.issues.map((i) => i.message).join('; ')}`,
        atKey: true,
      });
    } else if (issue.code === 'invalid_element') {
      out.push(...explainIssues(issue.issues, path));
    } else out.push({ path, message: issue.message });
  }
  return out;
}
