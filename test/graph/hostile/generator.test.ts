import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimatedCost, Fuzz, Generator, Unprobeable } from './generator';
import { Knowledge } from './knowledge';
import { rootFields } from './schema';

/** A small graph with what the real one has: entities of clients and sites, a wrapped result, a booking input. */
const schema = buildSchema(`
  scalar DateTime
  type Query {
    site(id: ID!): Site!
    sites(first: Int! = 50, after: String, clientId: ID): SiteConnection!
    appointment(id: ID!): Appointment!
  }
  type Mutation {
    book(input: BookInput!): Appointment!
    rotateKey(id: ID!, graceSeconds: Int! = 60): IssuedKey!
    note(text: String!): Boolean!
    createKey(input: NewKeyInput!): IssuedKey!
  }
  type Client { id: ID! name: String! }
  type Site { id: ID! clientId: ID! name: String! chairs: [Chair!]! }
  type SiteEdge { cursor: String! node: Site! }
  type SiteConnection { edges: [SiteEdge!]! pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Chair { id: ID! clientId: ID! siteId: ID! label: String! }
  type StaffMember { id: ID! clientId: ID! }
  type Appointment { id: ID! clientId: ID! siteId: ID! chairId: ID! nurseId: ID! nurse: StaffMember! startsAt: DateTime! }
  type Key { id: ID! clientId: ID! siteIds: [ID!] }
  type IssuedKey { key: Key! secret: String! }
  input BookInput { clientId: ID! siteId: ID! chairId: ID! nurseId: ID! startsAt: DateTime! }
  input NewKeyInput { clientId: ID! siteIds: [ID!] name: String! }
`);

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function world(): Knowledge {
  const knowledge = new Knowledge();
  const rows: [string, string, string | null][] = [];
  const add = (type: string, n: number, client: string, site: string | null, fields: Record<string, unknown>) => {
    knowledge.add({ type, id: id(n), fields: { id: id(n), ...fields } });
    rows.push([id(n), client, site]);
  };
  add('Site', 1, A, id(1), { clientId: A });
  add('Site', 2, B, id(2), { clientId: B });
  add('Chair', 11, A, id(1), { clientId: A, siteId: id(1) });
  add('Chair', 12, B, id(2), { clientId: B, siteId: id(2) });
  add('StaffMember', 21, A, null, { clientId: A });
  add('StaffMember', 22, B, null, { clientId: B });
  add('Appointment', 31, A, id(1), { clientId: A, siteId: id(1), chairId: id(11), nurseId: id(21), startsAt: '2026-01-05T09:00:00.000Z' });
  add('Appointment', 32, B, id(2), { clientId: B, siteId: id(2), chairId: id(12), nurseId: id(22), startsAt: '2026-01-06T10:00:00.000Z' });
  add('Key', 41, B, null, { clientId: B, siteIds: [id(2)] });
  knowledge.ownership = {
    clients: new Map([...rows.map(([i, c]) => [i, [c]] as [string, string[]]), [A, [A]], [B, [B]]]),
    site: new Map(rows.filter(([, , s]) => s).map(([i, , s]) => [i, s!])),
    table: new Map(rows.map(([i]) => [i, 'test.row'])),
    clientIds: [A, B],
    siteIds: new Map([
      [id(1), A],
      [id(2), B],
    ]),
  };
  return knowledge;
}

const generator = new Generator(schema, world(), '2026-01-01');
const root = (name: string) => rootFields(schema).find((r) => r.field.name === name)!;
const viewA = { clientIds: [A], siteIds: null };

describe('the hostile generator', () => {
  it('tells which entity an id argument names, from its name and the schema', () => {
    expect(generator.idTarget('siteId')).toBe('Site');
    expect(generator.idTarget('nurseId')).toBe('StaffMember');
    expect(generator.idTarget('id', schema.getType('IssuedKey') as never)).toBe('Key');
    expect(generator.idTarget('widgetId')).toBeUndefined();
  });

  it("fills a booking from one consistent own appointment, a year on", () => {
    const operation = generator.rootOperation(root('book'), { view: viewA, ids: 'own' });
    const input = Object.values(operation.variables)[0] as Record<string, string>;
    expect(input).toMatchObject({ clientId: A, siteId: id(1), chairId: id(11), nurseId: id(21) });
    expect(Date.parse(input.startsAt!)).toBeGreaterThan(Date.parse('2026-12-01'));
  });

  it("crosses every reference to the other client's consistent entities, or one reference alone", () => {
    const all = Object.values(generator.rootOperation(root('book'), { view: viewA, ids: 'foreign-client' }).variables)[0];
    expect(all).toMatchObject({ clientId: B, siteId: id(2), chairId: id(12), nurseId: id(22) });
    const one = generator.rootOperation(root('book'), { view: viewA, ids: 'foreign-client', paths: new Set(['input.chairId']) });
    expect(Object.values(one.variables)[0]).toMatchObject({ clientId: A, siteId: id(1), chairId: id(12), nurseId: id(21) });
    expect(one.sent.has(id(12))).toBe(true);
  });

  it("takes a tuple's list of ids as the whole list", () => {
    const operation = generator.rootOperation(root('createKey'), { view: viewA, ids: 'foreign-client', optionalIds: true });
    expect(Object.values(operation.variables)[0]).toMatchObject({ clientId: B, siteIds: [id(2)] });
    const one = generator.rootOperation(root('createKey'), { view: viewA, ids: 'foreign-client', paths: new Set(['input.siteIds']), optionalIds: true });
    expect(Object.values(one.variables)[0]).toMatchObject({ siteIds: [id(2)] });
  });

  it('aims a wrapped result’s id at the entity inside it', () => {
    const operation = generator.rootOperation(root('rotateKey'), { view: viewA, ids: 'foreign-client' });
    expect(Object.values(operation.variables)).toContain(id(41));
  });

  it('prints hostile values inline as literals and as variables as JSON', () => {
    const fuzz = new Fuzz('an object with $re', { $re: '.*' }, '{re: ".*"}');
    const inline = generator.pathOperation([root('sites')], { view: viewA, ids: 'own', inline: true, fuzz: new Map([['after', fuzz]]) }, true);
    expect(inline.query).toContain('after: {re: ".*"}');
    expect(() => parse(inline.query)).not.toThrow();
    const variable = generator.pathOperation([root('sites')], { view: viewA, ids: 'own', fuzz: new Map([['after', fuzz]]) }, true);
    expect(Object.values(variable.variables)).toContainEqual({ $re: '.*' });
  });

  it('refuses, naming the field, an argument of a scalar it cannot make up', () => {
    const odd = new Generator(buildSchema('scalar JSON type Query { find(filter: JSON!): Boolean! }'), world(), '2026-01-01');
    const [find] = rootFields(odd.schema);
    expect(() => odd.rootOperation(find!, { view: viewA, ids: 'own' })).toThrow(Unprobeable);
    expect(() => odd.rootOperation(find!, { view: viewA, ids: 'own' })).toThrow(/find\(filter\).*JSON/);
  });

  it('prices an operation as the gateway does, to size pages under its limit', () => {
    const operation = generator.rootOperation(root('sites'), { view: viewA, ids: 'own', pageSize: 10 }, 'all');
    // sites(first: 10): 1 + 10 × (edges 1 + (cursor 1 + node 1 + (5 leaves + chairs (1 + 10 × 6 leaves)))) + pageInfo 3.
    expect(estimatedCost(schema, operation)).toBeGreaterThan(600);
    expect(estimatedCost(schema, generator.rootOperation(root('sites'), { view: viewA, ids: 'own', pageSize: 1 }, 'all'))).toBeLessThan(100);
  });
});
