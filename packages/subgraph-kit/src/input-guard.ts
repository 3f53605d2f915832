import type { MiddlewareFn } from 'type-graphql';
import { badInput } from './errors';

/**
 * Hard caps for anything a client sends, whatever the field: a string argument or input field
 * longer than this, or a list with more items, is refused before a resolver runs. Domain fields
 * carry tighter limits of their own (`@MaxLength` on their input classes).
 */
export const MAX_STRING_LENGTH = 10_000;
export const MAX_LIST_LENGTH = 1_000;

/**
 * What a scalar's parser returns for a value it cannot read (an impossible date, a number where
 * a date belongs). Returning it instead of throwing lets the input guard refuse it during
 * execution with the argument named (`input.startsAt`), for literals and variables alike, rather
 * than failing the whole request in validation with a message that cannot say which argument.
 */
export class InvalidInput {
  constructor(readonly problem: string) {}
}

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. NUL in particular
 * cannot be stored in PostgreSQL text at all; none of the others belong in names, codes or notes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A lone UTF-16 surrogate: not a character, it would be stored as U+FFFD and read back changed. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a client's text cannot be accepted, or undefined when it can. */
export function textProblem(text: string, maxLength: number = MAX_STRING_LENGTH): string | undefined {
  if (text.length > maxLength) return `is longer than ${maxLength} characters`;
  if (CONTROL_CHARACTER.test(text)) return 'contains a control character (such as NUL)';
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode text';
  return undefined;
}

export interface InputProblem {
  /** Where the value sits among the arguments, e.g. `reason`, `input.startsAt`, `scopes[2]`. */
  argument: string;
  problem: string;
}

/** The first problem found in a field's coerced arguments, walking input objects and lists. */
export function findInputProblem(value: unknown, path = ''): InputProblem | undefined {
  if (value === null || value === undefined || typeof value === 'boolean' || value instanceof Date) return undefined;
  if (value instanceof InvalidInput) return { argument: path, problem: value.problem };
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { argument: path, problem } : undefined;
  }
  if (typeof value === 'number') {
    // GraphQL's Int and Float cannot carry these, but a custom scalar could.
    return Number.isFinite(value) ? undefined : { argument: path, problem: 'is not a finite number' };
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) return { argument: path, problem: `has more than ${MAX_LIST_LENGTH} items` };
    for (const [index, item] of value.entries()) {
      const found = findInputProblem(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findInputProblem(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * type-graphql global middleware: refuses any argument (or input field, or list item) that is
 * too long, carries control characters, or that a scalar could not read, as BAD_USER_INPUT
 * naming it. It runs before the resolver and before class-validator's per-field rules, so no
 * resolver, ORM query or SQL statement ever sees such a value.
 */
export const inputGuard: MiddlewareFn = ({ args }, next) => {
  const found = findInputProblem(args);
  if (found) throw badInput(`\`${found.argument}\` ${found.problem}`, { argument: found.argument });
  return next();
};
