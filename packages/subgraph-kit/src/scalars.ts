import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { InvalidInput } from './input-guard';

/**
 * The graph's two time scalars, strict about the calendar: `2026-02-30`, month 13 or hour 25 are
 * refused (BAD_USER_INPUT naming the argument, through the input guard), never handed to
 * PostgreSQL. Same GraphQL names as graphql-scalars' `DateTime` and `LocalDate`, so the schema a
 * client sees is unchanged; only the verdict on impossible values is ours.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Years 1 to 9999: PostgreSQL's `date` has no year 0, and four digits is what ISO 8601 promises. */
const isCalendarDate = (year: number, month: number, day: number) =>
  year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** An RFC 3339 date-time with an offset, e.g. `2026-11-26T14:30:00Z`, as a Date; undefined if impossible. */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, , , sign, oh, om] = match;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) return undefined;
  // No leap second: a JavaScript Date (and so every consumer here) cannot hold 23:59:60.
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (sign && (Number(oh) > 23 || Number(om) > 59)) return undefined;
  const date = new Date(text.toUpperCase());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** True for a real calendar date written `YYYY-MM-DD`, years 0001 to 9999. */
export function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Cuts what a client sent down to a size that can be quoted in an error message. */
const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function readDateTime(value: unknown): Date | InvalidInput {
  if (typeof value !== 'string') return new InvalidInput('must be a date-time string such as "2026-11-26T14:30:00Z"');
  return parseDateTime(value) ?? new InvalidInput(`is not a possible date-time: ${quote(value)} (expected e.g. "2026-11-26T14:30:00Z")`);
}

function readLocalDate(value: unknown): string | InvalidInput {
  if (typeof value !== 'string') return new InvalidInput('must be a date string such as "2026-11-26"');
  return isLocalDate(value) ? value : new InvalidInput(`is not a possible calendar date: ${quote(value)} (expected YYYY-MM-DD, e.g. "2026-11-26")`);
}

/** A string literal's text; any other literal (number, object, list…) is not a date at all. */
const literal = (node: ValueNode): unknown => (node.kind === Kind.STRING ? node.value : undefined);

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A moment in time: an RFC 3339 date-time with a UTC offset, such as 2026-11-26T14:30:00Z. Answered in UTC; an impossible date or time (February 30th, hour 25) is refused.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? parseDateTime(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent this value');
    return date.toISOString();
  },
  parseValue: readDateTime,
  parseLiteral: (node) => readDateTime(literal(node)),
});

export const LocalDate = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date without time zone, written YYYY-MM-DD, such as 2026-11-26 (years 0001 to 9999; an impossible date such as 2026-02-30 is refused).',
  serialize(value) {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new TypeError('LocalDate cannot represent this value');
  },
  parseValue: readLocalDate,
  parseLiteral: (node) => readLocalDate(literal(node)),
});
