import { randomUUID } from 'node:crypto';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { graphql, graphqlOk } from '@infusion/testkit';
import pg from 'pg';
import { asAdmin } from '../../support/auth';
import { callSubgraph } from '../../support/direct';
import { platform, seededWorld } from '../../support/platform';

export type GraphqlReply<T = unknown> = { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

export const codes = (r: GraphqlReply) => (r.errors ?? []).map((e) => e.extensions?.code);
export const argumentsOf = (r: GraphqlReply) => (r.errors ?? []).map((e) => e.extensions?.argument);

/** As the unrestricted demo admin, through the gateway. */
export async function asOps<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlReply<T>> {
  return graphql(platform().gatewayUrl, query, variables, await asAdmin()) as Promise<GraphqlReply<T>>;
}

export async function asOpsOk<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return graphqlOk<T>(platform().gatewayUrl, query, variables, await asAdmin());
}

/** A client's scheduling writer, limited to some of its sites when `siteIds` is given (called on the subgraph directly). */
export function schedulingWriter(clientId: string, siteIds: string[] | null = null): Principal {
  return {
    kind: 'API_KEY',
    id: `test-writer-${clientId}`,
    credentialId: null,
    name: 'test scheduling writer',
    role: null,
    clientIds: [clientId],
    siteIds,
    scopes: ['scheduling:read', 'scheduling:write'],
  };
}

export const asWriter = (principal: Principal, query: string, variables: Record<string, unknown> = {}) =>
  callSubgraph('scheduling', query, variables, principal) as Promise<GraphqlReply<Record<string, unknown>>>;

/** The owner's database connection (bypasses row-level security) for checking what was written. */
export async function withDatabase<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: platform().ownerDatabaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export const count = (db: pg.Client, sql: string, params: unknown[] = []) => db.query(sql, params).then((r) => Number(r.rows[0].count));

/** A new MRN no demo patient has. */
export const newMrn = () => `T-${randomUUID().slice(0, 18)}`;

/** The demo world's sites by client: two clients, and a client with two sites. */
export function demoSites() {
  const world = seededWorld();
  const [first, second] = world.clients;
  const twoSiteClient = world.clients.find((c) => world.sites.filter((s) => s.clientId === c.id).length >= 2)!;
  const [home, other] = world.sites.filter((s) => s.clientId === twoSiteClient.id);
  return { world, first: first!, second: second!, twoSiteClient, home: home!, other: other!, foreignSite: world.sites.find((s) => s.clientId !== twoSiteClient.id)! };
}
