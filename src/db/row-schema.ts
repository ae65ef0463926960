/**
 * Rows checked against a zod schema, with SONiC-style errors: a row a schema rejects becomes a
 * `DbValueError` naming the database, the `TABLE|key` and the field (an unknown field, a value out
 * of range, a missing one), so an operator can find and fix it with `redis-cli`.
 */
import type { z } from 'zod';
import { DbValueError, type DbPlace } from './errors.js';
import type { Row } from './types.js';

/**
 * `schema.parse(row)`, or a `DbValueError` at `place` (`{db, namespace, key}`) naming the first
 * field at fault: the unknown field for a strict object, the field of a bad value.
 */
export function parseRow<S extends z.ZodType>(schema: S, place: DbPlace, row: Row): z.output<S> {
  const r = schema.safeParse(row);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys;
    const expected = expectedFields(schema);
    return fail(
      { ...place, field: fields[0] },
      `unknown field${fields.length > 1 ? `s ${fields.map((f) => JSON.stringify(f)).join(', ')}` : ''}${expected ? ` (known: ${expected})` : ''}`,
    );
  }
  const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  const value = field !== undefined ? row[field] : undefined;
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  return fail(field === undefined ? place : { ...place, field }, `${shown}: ${issue.message}`);
}

function fail(place: DbPlace, reason: string): never {
  throw new DbValueError(place, reason);
}

/** The field names of an object schema, for messages. */
function expectedFields(schema: z.ZodType): string | undefined {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape).join(', ') : undefined;
}
