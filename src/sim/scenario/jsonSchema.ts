/**
 * The JSON Schema (draft 2020-12) of a scenario file, generated from the zod schema so the in-app
 * editor validates and completes exactly what the loader accepts. Import it lazily (with the
 * editor): it is built when this module loads.
 *
 * Two additions the zod schema cannot express: a `{{name}}` variable reference is accepted wherever
 * a number, flag, enumerated or patterned value is expected (the loader fills variables in before
 * it validates), and the top-level keys carry descriptions for the editor's hover.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema';

type JsonSchema = Record<string, unknown>;

/** A whole-value variable reference, as the loader accepts it (variables.ts). */
const VARIABLE_REF_SCHEMA = {
  type: 'string',
  pattern: '^\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}$',
  description: 'A variable: {{name}}',
};

const DESCRIPTIONS: Record<string, string> = {
  id: 'Kebab-case id, unique in the curriculum (outbound-port-blocked).',
  schemaVersion: 'Version of the scenario format: 1.',
  level: '1 (first steps) to 3 (several causes, little guidance).',
  topics: 'Catalog topics: setup, connection, queue, logs, security, dns.',
  title: 'Title in ja and en.',
  summary: 'One or two sentences for the catalog, in ja and en.',
  briefing: 'The ticket, the objective and what the learner may touch (markdown, ja and en).',
  debrief:
    'What happened, the evidence, the fix and the real-world commands (markdown, ja and en).',
  variables: 'Seeded variants: name → { pick: [a, b] } or { range: [min, max] }, used as {{name}}.',
  world: 'The base world (scenarios/bases/<base>.yaml) and changes merged over it.',
  faults: 'Typed faults from the fault library (docs/faults.md).',
  traffic: 'Mail handed to SMTP servers at given times (negative = before the learner arrives).',
  objectives: 'Conditions on the live world; the scenario is solved when all hold.',
  diagnosis: 'Root-cause question, choices (one correct) and the evidence that proves it.',
  hints: 'Exactly three progressive hints.',
  solution: 'The canonical fix: console lines, IIS settings (config), clock steps.',
  unsafeFixes: 'Fixes that work but break a safety objective; tests prove they are caught.',
  consoles: 'Hosts whose console the learner may open.',
};

function allowVariable(ctx: { jsonSchema: JsonSchema; path: (string | number)[] }): void {
  const js = ctx.jsonSchema;
  // The variables' own values are literal (keys are handled in keysWithoutVariables).
  if (ctx.path[1] === 'variables') return;
  const typed = js.type === 'number' || js.type === 'integer' || js.type === 'boolean';
  const constrainedText =
    js.type === 'string' && ('pattern' in js || 'enum' in js || 'format' in js);
  if ((!typed && !constrainedText) || 'const' in js) return;
  const { default: fallback, description, ...rest } = js;
  for (const key of Object.keys(js)) delete js[key];
  Object.assign(js, { anyOf: [rest, VARIABLE_REF_SCHEMA] });
  if (fallback !== undefined) js.default = fallback;
  if (description !== undefined) js.description = description;
}

/** Keys are never filled in: a shared schema used both as a value and as a key gets its plain form back as a key. */
function keysWithoutVariables(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(keysWithoutVariables);
  if (typeof node !== 'object' || node === null) return;
  const js = node as JsonSchema;
  const names = js.propertyNames as JsonSchema | undefined;
  const branches = names?.anyOf as JsonSchema[] | undefined;
  if (branches?.length === 2 && branches[1]?.pattern === VARIABLE_REF_SCHEMA.pattern)
    js.propertyNames = branches[0];
  Object.values(js).forEach(keysWithoutVariables);
}

function build(): JsonSchema {
  const schema = z.toJSONSchema(scenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => allowVariable(ctx as unknown as Parameters<typeof allowVariable>[0]),
  }) as JsonSchema;
  keysWithoutVariables(schema);
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const [key, description] of Object.entries(DESCRIPTIONS))
    if (properties[key]) properties[key].description = description;
  return {
    ...schema,
    title: 'Mailroot Lab scenario',
    description: 'A scenario file (docs/scenario-format.md).',
  };
}

export const scenarioJsonSchema: JsonSchema = build();
