/**
 * A deep-partial copy of a zod schema, for `world.changes`: every key of every object becomes
 * optional and defaults are dropped (a change must not reset what the base world set). Objects stay
 * strict, so a misspelt key in a change is still an error; lists and scalars are kept as they are,
 * because a list in a change replaces the base's list.
 */
import { z } from 'zod';

export function deepPartial(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return z.strictObject(
      Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, deepPartial(v).optional()])),
    );
  }
  if (schema instanceof z.ZodOptional) return deepPartial(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodDefault) return deepPartial(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodNullable) return deepPartial(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodRecord)
    return z.record(schema.keyType as z.ZodString, deepPartial(schema.valueType as z.ZodType));
  return schema;
}
