import type { FilterQuery } from '@mikro-orm/core';
import { badInput } from './errors';

/**
 * Filters built from client arguments. MikroORM reads any object in a where clause as operators
 * (`{ $re: … }`, `{ $ne: null }`) or as a path into a relation, and an array as `$in`: a value
 * that came from a client must therefore reach it only as a primitive. GraphQL's types already
 * promise that for String/ID/Int/enum arguments; these helpers keep the promise for every other
 * route in (custom scalars, decoded cursors, representations) and make the rule visible in code.
 */

/** What a client may contribute to a where clause: a value, never an operator or a property name. */
export type FilterValue = string | number | boolean | Date;

/** `value` as a filter operand, or BAD_USER_INPUT naming `argument` when it is anything else. */
export function operand<V extends FilterValue>(value: V, argument: string): V {
  const ok =
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (value instanceof Date && !Number.isNaN(value.getTime()));
  if (!ok) throw badInput(`\`${argument}\` must be a single value`, { argument });
  return value;
}

/**
 * Equality conditions from optional arguments: `{ clientId: args.clientId, status: args.status }`
 * gives the conditions for the values present (null and undefined mean "no filter"), each checked
 * by `operand`. Property names come from code, never from the client.
 */
export function whereEquals<T>(values: { [K in keyof T & string]?: FilterValue | null | undefined }): FilterQuery<T> {
  const where: Record<string, FilterValue> = {};
  for (const [property, value] of Object.entries(values) as [string, FilterValue | null | undefined][]) {
    if (value !== null && value !== undefined) where[property] = operand(value, property);
  }
  return where as FilterQuery<T>;
}

/** `%` and `_` typed by a user are literal characters, not LIKE wildcards. */
export function containsPattern(text: string): string {
  return `%${operand(text, 'search').trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
