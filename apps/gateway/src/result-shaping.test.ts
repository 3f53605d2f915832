import { readFileSync } from 'node:fs';
import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { computeResponse as apolloComputeResponse } from '@apollo/gateway/dist/resultShaping';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { computeResponse, SHAPED_LIKE_GATEWAY_VERSION } from './result-shaping';

const schema = buildSchema(`
  scalar LocalDate
  enum Kind { CHAIR BED }
  interface Place { id: ID! name: String }
  type Chair implements Place { id: ID! name: String kind: Kind! seats: Int }
  type Room implements Place { id: ID! name: String area: Float places: [Place!] }
  union Found = Chair | Room
  type Money { amount: String! currency: String }
  type Line { id: ID! fee: Money! notes: [String] flags: [Boolean!]! on: LocalDate }
  type Query {
    lines: [Line!]!
    maybeLines: [Line]
    line: Line
    place(id: ID!): Place
    found: [Found!]
    count: Int
    ratio: Float
  }
`);

type Input = Record<string, unknown>;

/** Both implementations on the same operation and subgraph data: what each answers, or throws. */
function shapeBoth(query: string, input: Input | null, variables: Record<string, unknown> = {}) {
  const run = (shape: typeof computeResponse) => {
    const operation = operationFromDocument(schema, parse(query), { validate: false });
    try {
      const { data, errors } = shape({
        operation,
        variables,
        input: input === null ? null : (JSON.parse(JSON.stringify(input)) as Input),
        introspectionHandling: (selection) => ({ introspected: selection.element.responseName() }),
      });
      return { json: JSON.stringify(data), errors: errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code })) };
    } catch (error) {
      return { thrown: (error as Error).message };
    }
  };
  return { ours: run(computeResponse), apollo: run(apolloComputeResponse) };
}

const line = (id: string, extra: Input = {}) => ({ id, fee: { amount: `${id}.00`, currency: 'EUR' }, notes: ['a', null], flags: [true], on: '2026-10-01', ...extra });

const CASES: [name: string, query: string, input: Input | null, variables?: Record<string, unknown>][] = [
  ['plain lists, aliases and key order', '{ lines { fee { currency amount } id  other: id notes flags on } count ratio }', { lines: [line('1', { other: '1' }), line('2', { other: '2' })], count: 3, ratio: 1.5 }],
  ['subgraph data already in the operation’s shape', '{ lines { id fee { amount currency } notes flags on } count }', { lines: [line('1'), line('2', { notes: null, on: null })], count: 3 }],
  ['the operation’s shape but a deep leaf invalid', '{ lines { id fee { amount currency } } }', { lines: [{ id: '1', fee: { amount: '1.00', currency: 'EUR' } }, { id: '2', fee: { amount: 5, currency: 'EUR' } }] }],
  ['the operation’s shape but a deep non-null null', '{ maybeLines { id fee { amount currency } } }', { maybeLines: [{ id: '1', fee: { amount: '1.00', currency: 'EUR' } }, { id: '2', fee: { amount: null, currency: 'EUR' } }] }],
  ['keys the operation did not ask for (the planner’s __typename)', '{ lines { id fee { amount } } }', { lines: [{ __typename: 'Line', id: '1', fee: { __typename: 'Money', amount: '1.00' } }] }],
  ['the same field twice, through fragments', '{ lines { id ...F ... on Line { fee { currency } } } } fragment F on Line { fee { amount } id }', { lines: [line('1')] }],
  ['a null non-null field nulls its nearest nullable parent', '{ line { id fee { amount } } maybeLines { id fee { amount } } count }', { line: line('1', { fee: null }), maybeLines: [line('2'), line('3', { id: null })], count: 1 }],
  ['a null non-null element nulls the whole response when nothing above is nullable', '{ lines { id } }', { lines: [line('1'), null] }],
  ['leaf values the schema does not allow', '{ count ratio lines { id flags notes } place(id: "1") { ... on Chair { kind seats } } }', { count: 1.5, ratio: 'x', lines: [line('1', { flags: ['yes'], notes: [3] })], place: { __typename: 'Chair', kind: 'TABLE', seats: 2 ** 40 } }],
  ['NaN and objects as leaves', '{ count ratio }', { count: Number.NaN, ratio: { a: 1 } }],
  ['__typename at the root, aliased and on abstract types', '{ __typename t: __typename place(id: "1") { __typename kind: __typename id } found { __typename ... on Room { area } ... on Chair { seats } } }', { place: { __typename: 'Room', id: 'r' }, found: [{ __typename: 'Chair', seats: 4 }, { __typename: 'Room', area: 2.5 }] }],
  ['__typename missing from the subgraph data', '{ place(id: "1") { __typename id } }', { place: { id: 'r' } }],
  ['an unknown __typename', '{ place(id: "1") { id } found { __typename } }', { place: { __typename: 'Sofa', id: 's' }, found: [{ __typename: 'Query' }] }],
  ['nested abstract lists and type conditions without __typename', '{ place(id: "1") { ... on Room { places { id ... on Chair { kind } } } ... { name } } }', { place: { __typename: 'Room', name: 'R', places: [{ __typename: 'Chair', id: 'c', kind: 'CHAIR' }, { id: 'x', kind: 'BED' }] } }],
  ['@skip and @include from variables, defaults and literals', 'query($a: Boolean!, $b: Boolean = true) { count @skip(if: $a) ratio @include(if: $b) lines { id @include(if: false) fee @skip(if: false) { amount } } }', { count: 1, ratio: 2, lines: [line('1')] }, { a: false }],
  ['@skip on a fragment', 'query($a: Boolean!) { lines { ... on Line @skip(if: $a) { id } ...F @include(if: $a) } } fragment F on Line { on }', { lines: [line('1')] }, { a: true }],
  ['aliases that are names of Object.prototype members', '{ __proto__: count constructor: ratio toString: line { hasOwnProperty: id } valueOf: lines { id } }', JSON.parse(`{"__proto__": 1, "constructor": 2.5, "toString": { "hasOwnProperty": "x" }, "valueOf": ${JSON.stringify([line('1')])}}`) as Input],
  ['introspection fields are answered by the gateway', '{ __schema { queryType { name } } t: __type(name: "Line") { name } count }', { count: 1 }],
  ['no data at all', '{ count }', null],
  ['a field the subgraph left out', '{ count line { id } }', {}],
  ['a list where the subgraph sent an object (an internal error)', '{ lines { id } }', { lines: { id: 1 } }],
  ['a non-string __typename (an internal error)', '{ place(id: "1") { ... on Chair { id } } }', { place: { __typename: 7, id: 'c' } }],
];

describe('result shaping', () => {
  it(`is written for the @apollo/gateway release installed (${SHAPED_LIKE_GATEWAY_VERSION}): re-check result-shaping.ts against a new release`, () => {
    const { version } = JSON.parse(readFileSync(require.resolve('@apollo/gateway/package.json'), 'utf8')) as { version: string };
    expect(version).toBe(SHAPED_LIKE_GATEWAY_VERSION);
  });

  it.each(CASES)('answers as @apollo/gateway does: %s', (_name, query, input, variables) => {
    const { ours, apollo } = shapeBoth(query, input, variables);
    expect(ours).toEqual(apollo);
  });

  it('keeps an alias named __proto__ as a key, not as the prototype', () => {
    const { ours } = shapeBoth('{ __proto__: line { id } }', JSON.parse('{"__proto__": { "id": "x" }}') as Input);
    expect(ours.json).toBe('{"__proto__":{"id":"x"}}');
  });
});
