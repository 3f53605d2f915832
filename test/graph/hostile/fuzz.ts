import { randomUUID } from 'node:crypto';
import { Fuzz } from './generator';

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const string = (label: string, value: string) => new Fuzz(label, value, JSON.stringify(value));
const number = (label: string, value: number, literal = String(value)) => new Fuzz(label, value, literal);

/**
 * What every argument gets, whatever its type: wrong types, impossible dates, numbers out of
 * range, NUL bytes, a 10,000-character string, cursors that smuggle ORM operators. A client's
 * mistake must never answer a 5xx or INTERNAL_SERVER_ERROR.
 */
export const FUZZ_VALUES: Fuzz[] = [
  string('a word', 'hostile'),
  string('an empty string', ''),
  string('a NUL byte', 'a\u0000b'),
  string('10,000 characters', 'x'.repeat(10_000)),
  string('date 2026-02-30', '2026-02-30'),
  string('date-time 2026-02-30T10:00:00Z', '2026-02-30T10:00:00Z'),
  string('month 13', '2026-13-01'),
  string('date-time in month 13', '2026-13-01T00:00:00Z'),
  number('2^31', 2 ** 31),
  number('-1', -1),
  number('1e308', 1e308, '1e308'),
  number('0.5', 0.5),
  new Fuzz('true', true, 'true'),
  new Fuzz('null', null, 'null'),
  new Fuzz('an object with $re', { $re: '.*' }, '{re: ".*"}'),
  new Fuzz('a list', ['hostile', 1], '["hostile", 1]'),
  new Fuzz('a made-up enum value', 'NOT_A_VALUE', 'NOT_A_VALUE'),
  string('a random UUID', randomUUID()),
  string('a cursor with $re', cursor([{ $re: '.*' }, '00000000-0000-0000-0000-000000000000'])),
  string('a cursor with $ne ids', cursor(['a', { $ne: null }])),
  string('a cursor of an object', cursor({ id: { $gt: '' }, name: { $re: '.*' } })),
];
