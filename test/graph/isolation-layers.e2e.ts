import { join } from 'node:path';
import { REPO_ROOT, startNodeProcess, waitUntilReady } from '@infusion/devstack';
import { freePort } from '@infusion/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, clientReader } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

const SCHEMAS = ['facilities', 'staffing', 'inventory', 'scheduling', 'billing', 'identity', 'audit'];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Every table that carries a client column: the ones row-level security must guard. */
async function tenantTables(owner: pg.Client): Promise<{ table: string; column: string }[]> {
  const { rows } = await owner.query<{ table: string; column: string }>(
    `select table_schema || '.' || table_name as table, column_name as column
       from information_schema.columns
      where table_schema = any($1) and (column_name = 'client_id' or (table_name = 'client' and column_name = 'id'))
      order by 1`,
    [SCHEMAS],
  );
  return rows;
}

describe('row-level security alone (no ORM, no filter)', () => {
  let owner: pg.Client;
  let app: pg.Client;
  beforeAll(async () => {
    owner = await connect(platform().ownerDatabaseUrl);
    app = await connect(platform().appDatabaseUrl);
  });
  afterAll(async () => {
    await owner.end();
    await app.end();
  });

  it('is enabled on every tenant table', async () => {
    const tables = await tenantTables(owner);
    expect(tables.length).toBeGreaterThan(15);
    const { rows } = await owner.query<{ table: string; rls: boolean }>(
      `select n.nspname || '.' || c.relname as table, c.relrowsecurity as rls
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname || '.' || c.relname = any($1)`,
      [tables.map((t) => t.table)],
    );
    expect(rows.filter((r) => !r.rls).map((r) => r.table)).toEqual([]);
  });

  it('shows the application role only the client named in the transaction, and nothing without one', async () => {
    const world = seededWorld();
    const [mine, theirs] = [world.clients[0]!.id, world.clients[1]!.id];
    for (const { table, column } of await tenantTables(owner)) {
      await app.query('begin');
      try {
        const none = await app.query(`select count(*)::int as n from ${table}`);
        expect(none.rows[0].n, `${table} with no tenant setting`).toBe(0);
        await app.query("select set_config('app.client_ids', $1, true), set_config('app.all_clients', 'off', true)", [mine]);
        const leaked = await app.query(`select count(*)::int as n from ${table} where ${column} <> $1`, [mine]);
        expect(leaked.rows[0].n, `${table} rows of other clients`).toBe(0);
      } finally {
        await app.query('rollback');
      }
      const theirRows = await owner.query(`select count(*)::int as n from ${table} where ${column} = $1`, [theirs]);
      if (theirRows.rows[0].n > 0) {
        // The owner sees the other client's rows, so the probe above was a real one.
        expect(theirRows.rows[0].n).toBeGreaterThan(0);
      }
    }
  });

  it('refuses to write a row for another client', async () => {
    const world = seededWorld();
    const [mine, theirs] = [world.clients[0]!.id, world.clients[1]!.id];
    await app.query('begin');
    try {
      await app.query("select set_config('app.client_ids', $1, true), set_config('app.all_clients', 'off', true)", [mine]);
      await expect(
        app.query(
          `insert into facilities.site (client_id, id, name, kind, place_of_service, claim_form, supervision, time_zone, street, city, state, postal_code)
           values ($1, gen_random_uuid(), 'Smuggled', 'OFFICE', '11', 'PROFESSIONAL', 'DIRECT', 'UTC', 'x', 'x', 'IL', '1')`,
          [theirs],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await app.query('rollback');
    }
  });

  it('gives the application role no way around it', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    await expect(app.query('alter table facilities.site disable row level security')).rejects.toThrow(/owner/);
  });

  it('keeps the audit trail append-only', async () => {
    await app.query('begin');
    try {
      await app.query("select set_config('app.all_clients', 'on', true)");
      await expect(app.query("update audit.audit_event set operation = 'tampered'")).rejects.toThrow(/permission denied|append-only/);
    } finally {
      await app.query('rollback');
    }
    await expect(owner.query('delete from audit.audit_event')).rejects.toThrow(/append-only/);
  });
});

describe('the ORM filter alone (database role that bypasses row-level security)', () => {
  let stop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    // The owner role is a superuser: row-level security does not apply to it, only the filter does.
    const proc = startNodeProcess('facilities-owner', join(REPO_ROOT, 'services/facilities/dist/index.js'), [], {
      DATABASE_URL: platform().ownerDatabaseUrl,
      PORT: String(port),
      CONTEXT_SIGNING_KEY: platform().contextSigningKey,
    }, () => undefined);
    url = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(proc, url.replace(/graphql$/, 'readyz'));
    stop = proc.stop;
  });
  afterAll(async () => stop?.());

  it('still hides other clients’ sites from lists, lookups and references', async () => {
    const world = seededWorld();
    const mine = world.clients[0]!.id;
    const theirSite = world.sites.find((s) => s.clientId !== mine)!;
    const reader = clientReader(mine);
    const list = await callSubgraph('facilities', '{ sites(first: 100) { edges { node { clientId } } } }', {}, reader, { url });
    const clients = new Set((list.data as { sites: { edges: { node: { clientId: string } }[] } }).sites.edges.map((e) => e.node.clientId));
    expect(clients).toEqual(new Set([mine]));
    const lookup = await callSubgraph('facilities', 'query($id: ID!) { site(id: $id) { id } }', { id: theirSite.id }, reader, { url });
    expect(lookup.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reference = await callSubgraph('facilities', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id } } }', { r: [{ __typename: 'Site', id: theirSite.id }] }, reader, { url });
    expect(reference.data).toEqual({ _entities: [null] });
    // The owning client does see it through the same process, so the probes were real ones.
    const owner = await callSubgraph('facilities', 'query($id: ID!) { site(id: $id) { id } }', { id: theirSite.id }, clientReader(theirSite.clientId), { url });
    expect(owner.data).toEqual({ site: { id: theirSite.id } });
  });
});
