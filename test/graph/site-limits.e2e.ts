import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@infusion/devstack';
import { ROLE_SCOPES, type Principal } from '@infusion/subgraph-kit/auth';
import { graphqlOk } from '@infusion/testkit';
import { isListType, isNonNullType, isObjectType, parse, buildASTSchema, type GraphQLField, type GraphQLObjectType, type GraphQLType } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKey, bearer } from '../support/auth';
import { callSubgraph } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

/**
 * Site and client limits hold on every entity every subgraph resolves, found from the schema
 * itself: each subgraph's `@key` types are probed through `_entities`, so a type or an
 * entity-extending field added later is covered without touching this file. For each one the
 * limited caller must get nothing of other sites (or clients), while the unrestricted admin gets
 * something through the same probe (so the probe is a real one).
 */

const SUBGRAPHS = ['facilities', 'staffing', 'inventory', 'scheduling', 'billing', 'identity'];

/** Tables whose type name does not spell them. */
const TABLES: Record<string, string> = { Order: 'therapy_order' };
const snake = (name: string) => TABLES[name] ?? name.replace(/[A-Z]/g, (c, i: number) => `${i ? '_' : ''}${c.toLowerCase()}`);

/**
 * Entities that belong to a client but to no one site, and why. Any other entity must carry its
 * site, so the tenant filter and row-level security can apply site limits to it.
 */
const CLIENT_WIDE: Record<string, string> = {
  Client: 'the client itself',
  StaffMember: 'nurses and providers work shifts at several sites of their client; a site’s roster is guarded as a Site field',
  License: 'a staff member’s licence',
  Competency: 'a staff member’s competency',
  TimeOff: 'a staff member’s leave, from every site of their client (writes are limited to staff based at the caller’s sites)',
  ManagementContract: 'the operator’s contract with the whole client',
  FeeSchedule: 'part of a management contract',
  FeeTier: 'part of a fee schedule',
  FeePercentTier: 'part of a fee schedule',
  FeeInvoice: 'the invoice of a contract with the whole client',
  OpsUser: 'the operator’s staff (identity)',
  ApiKey: 'issued to a client; its sites are a limit, not an owner',
};

const admin: Principal = {
  kind: 'OPS_USER',
  id: 'test-admin',
  credentialId: null,
  name: 'test admin',
  role: 'ADMIN',
  clientIds: null,
  siteIds: null,
  scopes: ROLE_SCOPES.ADMIN,
};
/** As strong as a caller gets, but limited: every scope of an admin, one client, maybe one site. */
const limitedTo = (clientId: string, siteIds: string[] | null): Principal => ({ ...admin, id: 'test-limited', clientIds: [clientId], siteIds });

interface SubgraphTypes {
  subgraph: string;
  schema: ReturnType<typeof buildASTSchema>;
  /** @key types this subgraph owns (`_entities` looks them up). */
  owned: string[];
  /** @key types it only extends (`_entities` returns a stub for any id). */
  extended: string[];
}

function subgraphSchema(name: string) {
  const sdl = readFileSync(join(REPO_ROOT, 'services', name, 'schema.graphql'), 'utf8');
  // Enough of the federation vocabulary to build the SDL as a plain schema.
  const prelude = 'scalar _Any scalar link__Import scalar DateTime scalar LocalDate directive @link(url: String, import: [link__Import]) on SCHEMA directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE directive @shareable on OBJECT | FIELD_DEFINITION directive @external on OBJECT | FIELD_DEFINITION directive @requires(fields: String!) on FIELD_DEFINITION directive @provides(fields: String!) on FIELD_DEFINITION directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM';
  const declared = new Set([...sdl.matchAll(/^scalar (\w+)/gm)].map((m) => m[1]));
  const extra = prelude.split(/(?=scalar |directive )/).filter((part) => !(part.startsWith('scalar ') && declared.has(part.split(' ')[1]!.trim()))).join(' ');
  const document = parse(`${extra}\n${sdl}`);
  const keyed = document.definitions.flatMap((d) =>
    d.kind === 'ObjectTypeDefinition' && d.directives?.some((dir) => dir.name.value === 'key' && !dir.arguments?.some((a) => a.name.value === 'resolvable' && a.value.kind === 'BooleanValue' && !a.value.value))
      ? [d.name.value]
      : [],
  );
  return { schema: buildASTSchema(document, { assumeValidSDL: true }), keyed };
}

/** Argument values for an entity field: time windows around the demo schedule; anything else is a new case to teach. */
function argumentsOf(field: GraphQLField<unknown, unknown>, anchorDate: string): string {
  const anchor = Date.parse(`${anchorDate}T00:00:00Z`);
  const values: string[] = [];
  for (const arg of field.args) {
    const type = String(arg.type).replace(/!$/, '');
    if (arg.name === 'from' && type === 'DateTime') values.push(`from: "${new Date(anchor - 90 * 86_400_000).toISOString()}"`);
    else if (arg.name === 'to' && type === 'DateTime') values.push(`to: "${new Date(anchor + 90 * 86_400_000).toISOString()}"`);
    // Site.utilisation: the local days of a fortnight around the anchor.
    else if (arg.name === 'from' && type === 'LocalDate') values.push(`from: "${new Date(anchor - 7 * 86_400_000).toISOString().slice(0, 10)}"`);
    else if (arg.name === 'to' && type === 'LocalDate') values.push(`to: "${new Date(anchor + 7 * 86_400_000).toISOString().slice(0, 10)}"`);
    // Site.qualifiedStaff: a drug any nurse may give, at midday (UTC 18:00) of the last weekday before the anchor, when every site is staffed.
    else if (arg.name === 'productId' && type === 'ID') values.push(`productId: "${seededWorld().products.find((p) => p.key === 'iron-sucrose')!.id}"`);
    else if (arg.name === 'at' && type === 'DateTime') {
      let day = anchor - 86_400_000;
      while ([0, 6].includes(new Date(day).getUTCDay())) day -= 86_400_000;
      values.push(`at: "${new Date(day + 18 * 3_600_000).toISOString()}"`);
    }
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) throw new Error(`${field.name}(${arg.name}: ${String(arg.type)}): teach site-limits.e2e.ts a value`);
  }
  return values.length ? `(${values.join(', ')})` : '';
}

function selectionOf(type: GraphQLType): string {
  let named = type;
  while (isNonNullType(named) || isListType(named)) named = named.ofType;
  return isObjectType(named) ? ' { __typename }' : '';
}

const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

describe('site and client limits on every entity every subgraph resolves', () => {
  let owner: pg.Client;
  const types: SubgraphTypes[] = [];
  /** Which subgraph owns each @key type. */
  const ownerOf = new Map<string, string>();

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: platform().ownerDatabaseUrl });
    await owner.connect();
    for (const subgraph of SUBGRAPHS) {
      const { schema, keyed } = subgraphSchema(subgraph);
      const owned: string[] = [];
      const extended: string[] = [];
      for (const typeName of keyed) {
        // An owning subgraph finds no entity for a random id; an extending one returns its stub.
        const probe = await callSubgraph(subgraph, `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { id } } }`, { r: [{ __typename: typeName, id: randomUUID() }] }, admin);
        expect(probe.errors, `${subgraph} ${typeName}`).toBeUndefined();
        if ((probe.data as { _entities: unknown[] })._entities[0] === null) {
          owned.push(typeName);
          ownerOf.set(typeName, subgraph);
        } else extended.push(typeName);
      }
      types.push({ subgraph, schema, owned, extended });
    }
  });
  afterAll(async () => owner?.end());

  /** The column that names an entity's site in its owner's table: the id for Site, else site_id or home_site_id. */
  async function siteColumnOf(typeName: string): Promise<{ table: string; site?: string; client?: string }> {
    const schema = ownerOf.get(typeName)!;
    const table = `${schema}.${snake(typeName)}`;
    const { rows } = await owner.query<{ column_name: string }>('select column_name from information_schema.columns where table_schema = $1 and table_name = $2', [schema, snake(typeName)]);
    const columns = new Set(rows.map((r) => r.column_name));
    expect(columns.size, `table ${table} for ${typeName}`).toBeGreaterThan(0);
    const site = typeName === 'Site' ? 'id' : columns.has('site_id') ? 'site_id' : columns.has('home_site_id') ? 'home_site_id' : undefined;
    const client = typeName === 'Client' ? 'id' : columns.has('client_id') ? 'client_id' : undefined;
    return { table, site, client };
  }

  /** Up to `n` ids of `typeName` rows of `clientId` at other sites than `siteId` (or of other clients, when no site is given). */
  async function idsOutside(typeName: string, clientId: string, siteId: string | null, n = 6): Promise<string[]> {
    const { table, site, client } = await siteColumnOf(typeName);
    if (!client) return [];
    // Only the demo world's clients and sites: rows other test files add on a shared platform (fresh
    // clients with no visits, staff or stock) would make a probe that cannot tell anything.
    const world = seededWorld();
    const demo = [world.clients.map((c) => c.id), world.sites.map((s) => s.id)];
    const seeded = `${client} = any($3::uuid[])${site ? ` and ${site} = any($4::uuid[])` : ''}`;
    const where = siteId ? `${client} = $1 and ${site} <> $2` : `${client} <> $1 and $2::uuid is null`;
    const { rows } = await owner.query<{ id: string }>(`select id from ${table} where ${where} and ${seeded} order by id limit ${n}`, [clientId, siteId, ...(site ? demo : demo.slice(0, 1))]);
    return rows.map((r) => r.id);
  }

  it('finds every subgraph’s entities and the fields it adds to others', () => {
    expect(types.flatMap((t) => t.owned).length).toBeGreaterThan(15);
    expect(types.find((t) => t.subgraph === 'billing')!.extended).toContain('Patient');
    expect(types.find((t) => t.subgraph === 'inventory')!.extended).toContain('Site');
  });

  it('puts every site-bound entity under site limits (a site column), except the client-wide ones named here', async () => {
    const unplaced: string[] = [];
    for (const typeName of ownerOf.keys()) {
      const { site, client } = await siteColumnOf(typeName);
      if (client && !site && !(typeName in CLIENT_WIDE)) unplaced.push(typeName);
    }
    expect(unplaced, 'tenant entities with no site column and no reason to be client-wide').toEqual([]);
  });

  for (const limit of ['site', 'client'] as const) {
    it(`answers a ${limit}-limited caller nothing of other ${limit}s through _entities of any owned entity`, async () => {
      const world = seededWorld();
      const mine = world.clients[0]!;
      const mySite = world.sites.find((s) => s.clientId === mine.id)!;
      const limited = limitedTo(mine.id, limit === 'site' ? [mySite.id] : null);
      let probes = 0;
      for (const { subgraph, owned } of types) {
        for (const typeName of owned) {
          const { site } = await siteColumnOf(typeName);
          if (limit === 'site' && (!site || typeName in CLIENT_WIDE)) continue; // client-wide: the test above names why
          const ids = await idsOutside(typeName, mine.id, limit === 'site' ? mySite.id : null);
          if (!ids.length) continue;
          const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { id } } }`;
          const r = ids.map((id) => ({ __typename: typeName, id }));
          const seen = await callSubgraph(subgraph, query, { r }, limited);
          expect(seen.errors, `${subgraph} ${typeName}`).toBeUndefined();
          expect((seen.data as { _entities: unknown[] })._entities, `${subgraph} ${typeName} of another ${limit}`).toEqual(ids.map(() => null));
          const real = await callSubgraph(subgraph, query, { r }, admin);
          expect((real.data as { _entities: unknown[] })._entities.every((e) => e !== null), `${subgraph} ${typeName} as admin`).toBe(true);
          probes++;
        }
      }
      expect(probes).toBeGreaterThan(10);
    }, 180_000);

    it(`answers a ${limit}-limited caller nothing of other ${limit}s through any field a subgraph adds to another’s entity`, async () => {
      const world = seededWorld();
      const mine = world.clients[0]!;
      const mySite = world.sites.find((s) => s.clientId === mine.id)!;
      const limited = limitedTo(mine.id, limit === 'site' ? [mySite.id] : null);
      const covered: string[] = [];
      for (const { subgraph, schema, extended } of types) {
        for (const typeName of extended) {
          const type = schema.getType(typeName) as GraphQLObjectType;
          const fields = Object.values(type.getFields()).filter((f) => f.name !== 'id');
          if (!fields.length) continue;
          const { site, client } = await siteColumnOf(typeName);
          if (limit === 'site' && !site) continue; // a client-wide entity has no other site
          if (!client) continue;
          const ids = await idsOutside(typeName, mine.id, limit === 'site' ? mySite.id : null, 8);
          expect(ids.length, `${typeName} rows outside the caller’s ${limit}`).toBeGreaterThan(0);
          for (const field of fields) {
            const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${field.name}${argumentsOf(field, world.anchorDate)}${selectionOf(field.type)} } } }`;
            const r = ids.map((id) => ({ __typename: typeName, id }));
            const seen = await callSubgraph(subgraph, query, { r }, limited);
            expect(seen.errors, `${subgraph} ${typeName}.${field.name}`).toBeUndefined();
            const values = (seen.data as { _entities: (Record<string, unknown> | null)[] })._entities.map((e) => e?.[field.name] ?? null);
            expect(values.every(isEmpty), `${subgraph} ${typeName}.${field.name} of another ${limit}: ${JSON.stringify(values).slice(0, 300)}`).toBe(true);
            const real = await callSubgraph(subgraph, query, { r }, admin);
            const realValues = (real.data as { _entities: (Record<string, unknown> | null)[] })._entities.map((e) => e?.[field.name] ?? null);
            expect(realValues.some((v) => !isEmpty(v)), `${subgraph} ${typeName}.${field.name} as admin (the probe must be a real one)`).toBe(true);
            covered.push(`${typeName}.${field.name}`);
          }
        }
      }
      console.log(`${limit} limits held on ${covered.length} entity-extending fields: ${covered.join(', ')}`);
      for (const field of ['Patient.coverages', 'Patient.priorAuthorizations', 'Site.stock', 'Site.shifts', 'Site.staff', 'Site.appointments', 'StaffMember.appointments', 'Chair.appointments']) {
        expect(covered).toContain(field);
      }
    }, 180_000);
  }

  it('shows the demo site-limited key, through the gateway, only coverages of its site’s patients', async () => {
    const key = apiKey('Lincoln Park site display');
    const data = await graphqlOk<{ priorAuthorizations: { edges: { node: { patient: { id: string; coverages: { id: string }[] } | null } }[] } }>(
      platform().gatewayUrl,
      '{ priorAuthorizations(first: 100) { edges { node { patient { id coverages { id } } } } } }',
      {},
      bearer(key.key),
    );
    const patients = data.priorAuthorizations.edges.map((e) => e.node.patient?.id).filter((id): id is string => !!id);
    expect(patients.length).toBeGreaterThan(0);
    const { rows } = await owner.query<{ n: number }>('select count(*)::int as n from billing.coverage where id = any($1::uuid[]) and site_id <> all($2::uuid[])', [
      data.priorAuthorizations.edges.flatMap((e) => e.node.patient?.coverages.map((c) => c.id) ?? []),
      key.siteIds!,
    ]);
    expect(rows[0]!.n).toBe(0);
  });
});
