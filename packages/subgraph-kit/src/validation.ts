import { ArrayMaxSize, Max, MaxLength, Min } from 'class-validator';

/**
 * Per-field rules for input and args classes, on top of the input guard's hard caps. type-graphql
 * runs them (class-validator) before the resolver and reports failures as
 * `extensions.validationErrors`; clients get them as they are, plus a message and `argument`
 * naming the first failing field, like every other BAD_USER_INPUT.
 */

/** Domain limits shared by the subgraphs' input classes (DESIGN: one obvious place). */
export const TEXT_LIMITS = {
  /** A person's, site's, key's or contract's name. */
  name: 200,
  /** An email address (RFC 5321 allows 254 characters in a path). */
  email: 254,
  /** Free text such as a cancellation reason or a note. */
  freeText: 2_000,
  /** A search term typed into a box. */
  search: 200,
  /** A code from a code table (scope, competency kind, entity type…). */
  code: 64,
  /** A password; long passphrases are welcome, megabytes are not. */
  password: 1_024,
} as const;

/** At most the domain's length for this kind of text (`each` for a list of strings). */
export const MaxText = (kind: keyof typeof TEXT_LIMITS, options?: { each: boolean }): PropertyDecorator =>
  MaxLength(TEXT_LIMITS[kind], options);

/** At most `max` items in a list argument. */
export const MaxItems = (max: number): PropertyDecorator => ArrayMaxSize(max);

/** A number from `min` to `max` inclusive: quantities, counts and versions have sane bounds. */
export function InRange(min: number, max: number): PropertyDecorator {
  return (target, property) => {
    Min(min)(target, property);
    Max(max)(target, property);
  };
}

interface FailedRule {
  property: string;
  constraints?: Record<string, string>;
  children?: FailedRule[];
}

/** The first failed class-validator rule, with its field path (`input.name`) and message. */
export function firstFailedRule(errors: unknown, path = ''): { argument: string; message: string } | undefined {
  if (!Array.isArray(errors)) return undefined;
  for (const error of errors as FailedRule[]) {
    const argument = path ? `${path}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { argument, message: `\`${argument}\`: ${message}` };
    const nested = firstFailedRule(error.children, argument);
    if (nested) return nested;
  }
  return undefined;
}
