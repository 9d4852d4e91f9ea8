/** The editor's JSON Schema is generated from the zod schema: draft 2020-12, strict, discriminated by kind. */
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/sim/scenario/jsonSchema';
import { faultSchema, objectiveSchema, scenarioSchema } from '../../../src/sim/scenario/schema';
import { SETTING_NAMES } from '../../../src/sim/scenario/settingNames';

type Json = Record<string, unknown>;
const props = scenarioJsonSchema.properties as Record<string, Json>;

/** Draft 2020-12 keywords (core, applicator, validation, unevaluated, format, meta-data vocabularies). */
const KEYWORDS = new Set(
  (
    '$schema $id $ref $anchor $dynamicRef $dynamicAnchor $defs $comment $vocabulary allOf anyOf oneOf not if then else ' +
    'dependentSchemas prefixItems items contains properties patternProperties additionalProperties propertyNames ' +
    'unevaluatedItems unevaluatedProperties type const enum multipleOf maximum exclusiveMaximum minimum exclusiveMinimum ' +
    'maxLength minLength pattern maxItems minItems uniqueItems maxContains minContains maxProperties minProperties required ' +
    'dependentRequired format title description default deprecated readOnly writeOnly examples contentEncoding contentMediaType'
  ).split(' '),
);
const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Problems with a node's shape as a draft 2020-12 schema, recursively. */
function shapeProblems(node: unknown, at: string): string[] {
  if (typeof node === 'boolean') return [];
  if (typeof node !== 'object' || node === null || Array.isArray(node))
    return [`${at}: not a schema`];
  const s = node as Json;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(s)) {
    if (!KEYWORDS.has(key)) problems.push(`${at}: unknown keyword ${key}`);
    else if (SCHEMA_MAPS.has(key))
      for (const [k, v] of Object.entries(value as Json))
        problems.push(...shapeProblems(v, `${at}.${key}.${k}`));
    else if (SCHEMA_LISTS.has(key)) {
      if (!Array.isArray(value) || value.length === 0)
        problems.push(`${at}.${key}: expected a non-empty array`);
      else value.forEach((v, i) => problems.push(...shapeProblems(v, `${at}.${key}[${i}]`)));
    } else if (['items', 'additionalProperties', 'propertyNames', 'not', 'contains'].includes(key))
      problems.push(...shapeProblems(value, `${at}.${key}`));
  }
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  for (const t of types)
    if (!TYPES.has(t as string)) problems.push(`${at}: unknown type ${String(t)}`);
  if (s.required !== undefined) {
    const names = s.required as unknown[];
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
      problems.push(`${at}: required must list names`);
    else
      for (const n of names)
        if (!(s.properties as Json | undefined)?.[n])
          problems.push(`${at}: required '${n}' is not a property`);
  }
  if ('items' in s && Array.isArray(s.items))
    problems.push(`${at}: items must be a schema in 2020-12 (tuples use prefixItems)`);
  return problems;
}

function branches(s: Json): Json[] {
  return ((s.oneOf ?? s.anyOf) as Json[] | undefined) ?? [];
}

describe('scenarioJsonSchema', () => {
  it('should be a draft 2020-12 object schema', () => {
    expect(scenarioJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(scenarioJsonSchema.type).toBe('object');
    expect(shapeProblems(scenarioJsonSchema, '#')).toEqual([]);
  });

  it('should have a shape check that catches what is not 2020-12', () => {
    expect(
      shapeProblems(
        { type: 'obj', definitions: {}, items: [{ type: 'string' }], required: ['a'] },
        '#',
      ),
    ).toEqual([
      '#: unknown keyword definitions',
      '#.items: not a schema',
      '#: unknown type obj',
      "#: required 'a' is not a property",
      '#: items must be a schema in 2020-12 (tuples use prefixItems)',
    ]);
  });

  it('should list every top-level key of the zod schema, with the same required ones', () => {
    expect(Object.keys(props).sort()).toEqual(Object.keys(scenarioSchema.shape).sort());
    expect(scenarioJsonSchema.required).toEqual([
      'id',
      'schemaVersion',
      'level',
      'topics',
      'title',
      'summary',
      'briefing',
      'debrief',
      'world',
      'objectives',
      'diagnosis',
      'hints',
      'solution',
      'consoles',
    ]);
    for (const key of Object.keys(props)) expect(props[key]?.description, key).toMatch(/\S/);
  });

  it('should forbid unknown keys on strict objects', () => {
    expect(scenarioJsonSchema.additionalProperties).toBe(false);
    expect(props.world?.additionalProperties).toBe(false);
    expect(props.diagnosis?.additionalProperties).toBe(false);
    expect(props.title?.additionalProperties).toBe(false);
    for (const fault of branches(props.faults?.items as Json))
      expect(fault.additionalProperties).toBe(false);
    const changes = (props.world?.properties as Record<string, Json>).changes as Json;
    expect(changes.additionalProperties).toBe(false);
  });

  it('should give the fault kinds as a discriminated union of kind constants', () => {
    const faults = props.faults?.items as Json;
    expect('oneOf' in faults || 'anyOf' in faults).toBe(true);
    const kinds = branches(faults).map(
      (b) => ((b.properties as Record<string, Json>).kind as Json).const,
    );
    expect(kinds).toEqual(faultSchema.options.map((o) => o.shape.kind.value));
    for (const b of branches(faults)) expect(b.required).toContain('kind');
  });

  it('should give the objective kinds the same way', () => {
    const kinds = branches(props.objectives?.items as Json).map(
      (b) => ((b.properties as Record<string, Json>).kind as Json).const,
    );
    expect(kinds).toEqual(objectiveSchema.options.map((o) => o.shape.kind.value));
  });

  it('should accept a {{variable}} where a number is expected, but not in kinds or keys', () => {
    const fault = branches(props.faults?.items as Json).find(
      (b) =>
        ((b.properties as Record<string, Json>).kind as Json).const === 'firewall-block-outbound',
    ) as Json;
    const port = (fault.properties as Record<string, Json>).port as Json;
    expect(port).toEqual({
      default: 25,
      anyOf: [
        { type: 'integer', minimum: 1, maximum: 65535 },
        {
          type: 'string',
          pattern: '^\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}$',
          description: 'A variable: {{name}}',
        },
      ],
    });
    const config = branches(props.solution?.items as Json).find(
      (b) => 'config' in (b.properties as Json),
    ) as Json;
    expect(((config.properties as Record<string, Json>).config as Json).propertyNames).toEqual({
      type: 'string',
      enum: SETTING_NAMES,
    });
  });
});
