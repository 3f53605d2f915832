import { join } from 'node:path';
import { APP_ROLE, REPO_ROOT, startNodeProcess, waitUntilReady } from '@infusion/devstack';
import { tenantSettingsSql, unavailableReason } from '@infusion/subgraph-kit';
import { freePort, graphql } from '@infusion/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, bearer, readKeyOf } from '../support/auth';
import { callSubgraph, clientReader } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

const STOCK = 'query($id: ID!) { site(id: $id) { id stock { quantityOnHand belowPar product { name } parLevel { minimum } } } }';
const LOTS = '{ lots(first: 1) { edges { node { id } } } }';

type Answer = Awaited<ReturnType<typeof graphql>>;

/** An answer within `seconds`, or a failure saying the operation never answered (it used to hang). */
function answered<T>(seconds: number, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A session the server ends (idle timeout) reports it here; the test reads it from the query.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until `check` holds, polling; for states another process reaches on its own time. */
async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Application connections (of any subgraph) left inside a transaction with nothing running. */
async function idleInTransaction(owner: pg.Client): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where usename = $1 and state like 'idle in transaction%'",
    [APP_ROLE.user],
  );
  return rows[0]!.n;
}

/** Application connections waiting for a lock (the test's own lock below). */
async function waitingOnLock(owner: pg.Client): Promise<number[]> {
  const { rows } = await owner.query<{ pid: number }>("select pid from pg_stat_activity where usename = $1 and wait_event_type = 'Lock'", [APP_ROLE.user]);
  return rows.map((r) => r.pid);
}

let owner: pg.Client;
beforeAll(async () => {
  owner = await connect(platform().ownerDatabaseUrl);
});
afterAll(async () => owner?.end());

describe('a site’s stock', () => {
  it('answers with products and par levels (the stock loader no longer waits on a load queued behind itself)', async () => {
    const site = seededWorld().sites[0]!;
    const result = await answered(20, graphql<{ site: { stock: { product: { name: string } }[] } }>(platform().gatewayUrl, STOCK, { id: site.id }, await asAdmin()));
    expect(result.errors).toBeUndefined();
    expect(result.data!.site.stock.length).toBeGreaterThan(0);
    expect(result.data!.site.stock.every((level) => level.product.name.length > 0)).toBe(true);
  });

  it('answers twenty callers at once, and leaves no connection idle in a transaction', async () => {
    const world = seededWorld();
    const calls = Array.from({ length: 20 }, async (_, i) => {
      const site = world.sites[i % world.sites.length]!;
      const headers = i % 2 === 0 ? await asAdmin() : bearer(readKeyOf(site.clientId).key);
      return answered(60, graphql(platform().gatewayUrl, STOCK, { id: site.id }, headers));
    });
    const results = await Promise.all(calls);
    expect(results.map((r) => r.errors ?? [])).toEqual(results.map(() => []));
    expect(results.every((r) => ((r.data as { site: { stock: unknown[] } }).site.stock.length ?? 0) > 0)).toBe(true);
    // Every operation committed before it answered: nothing is left holding a connection.
    expect(await idleInTransaction(owner)).toBe(0);
  });
});

describe('limits on each operation’s transaction (PostgreSQL settings)', () => {
  const limits = { statementTimeoutMs: 200, idleInTransactionTimeoutMs: 300 };
  const settings = (clientId: string) => {
    const { sql, params } = tenantSettingsSql({ clientIds: [clientId], siteIds: null }, limits);
    let n = 0;
    return { sql: sql.replace(/\?/g, () => `$${++n}`), params };
  };

  it('stops a statement that outlasts the statement timeout, as a retryable STATEMENT_TIMEOUT', async () => {
    const app = await connect(platform().appDatabaseUrl);
    try {
      await app.query('begin');
      const { sql, params } = settings(seededWorld().clients[0]!.id);
      await app.query(sql, params);
      const error = await app.query('select pg_sleep(2)').then(() => undefined, (e: unknown) => e);
      expect(unavailableReason(error)).toBe('STATEMENT_TIMEOUT');
      await app.query('rollback');
      // Local to the transaction: the pooled connection carries nothing to the next one.
      expect((await app.query('show statement_timeout')).rows[0].statement_timeout).toBe('0');
    } finally {
      await app.end();
    }
  });

  it('ends a transaction left idle past the idle timeout, as a retryable IDLE_IN_TRANSACTION', async () => {
    const app = await connect(platform().appDatabaseUrl);
    const ended = new Promise<unknown>((resolve) => app.on('error', resolve));
    try {
      await app.query('begin');
      const { sql, params } = settings(seededWorld().clients[0]!.id);
      await app.query(sql, params);
      // Nothing more is sent: the server ends the session on its own after 300 ms.
      expect(unavailableReason(await answered(30, ended))).toBe('IDLE_IN_TRANSACTION');
    } finally {
      await app.end().catch(() => undefined);
    }
  });
});

describe('a subgraph with small limits (2 connections, 5 s statements, 300 ms to get a connection)', () => {
  let url: string;
  let stop: () => Promise<void>;
  const client = () => seededWorld().clients[0]!.id;
  const lots = () => callSubgraph('inventory', LOTS, {}, clientReader(client()), { url });

  beforeAll(async () => {
    const port = await freePort();
    const proc = startNodeProcess(
      'inventory-bounded',
      join(REPO_ROOT, 'services/inventory/dist/index.js'),
      [],
      {
        DATABASE_URL: platform().appDatabaseUrl,
        PORT: String(port),
        CONTEXT_SIGNING_KEY: platform().contextSigningKey,
        DB_POOL_MAX: '2',
        DB_STATEMENT_TIMEOUT_MS: '5000',
        DB_POOL_ACQUIRE_TIMEOUT_MS: '300',
      },
      () => undefined,
    );
    url = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(proc, url.replace(/graphql$/, 'readyz'));
    stop = proc.stop;
  });
  afterAll(async () => stop?.());

  /** Holds an exclusive lock on the lot table until `release`, so reads of lots wait. */
  async function lockLots(): Promise<{ release(): Promise<void> }> {
    const locker = await connect(platform().ownerDatabaseUrl);
    await locker.query('begin');
    await locker.query('lock table inventory.lot in access exclusive mode');
    return {
      async release() {
        await locker.query('rollback');
        await locker.end();
      },
    };
  }

  it('answers a statement stuck past the timeout SERVICE_UNAVAILABLE (STATEMENT_TIMEOUT, retryable), then answers again', async () => {
    expect((await lots()).errors).toBeUndefined();
    const lock = await lockLots();
    let stuck: Answer;
    try {
      stuck = await answered(30, lots());
    } finally {
      await lock.release();
    }
    expect(stuck.status).toBe(200);
    expect(stuck.errors?.map((e) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', retryable: true, reason: 'STATEMENT_TIMEOUT' }]);
    expect(JSON.stringify(stuck)).not.toMatch(/select|inventory\.|lot_number/i);
    // Both connections went back to the pool: two operations at once still answer.
    const again = await Promise.all([lots(), lots()]);
    expect(again.map((a) => a.errors)).toEqual([undefined, undefined]);
  }, 60_000);

  it('answers SERVICE_UNAVAILABLE (POOL_EXHAUSTED, retryable) while every connection is busy, then answers again', async () => {
    const lock = await lockLots();
    let busy: Promise<Answer>[] = [];
    let refused: Answer;
    try {
      busy = [lots(), lots()];
      await until(async () => (await waitingOnLock(owner)).length === 2, 'both connections to wait on the lock');
      refused = await answered(30, lots());
    } finally {
      await lock.release();
    }
    expect(refused.status).toBe(200);
    expect(refused.errors?.map((e) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', retryable: true, reason: 'POOL_EXHAUSTED' }]);
    // The two that held the connections finish (the lock is gone) and nothing is left behind.
    for (const answer of await Promise.all(busy)) expect(answer.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    expect((await lots()).errors).toBeUndefined();
    expect(await idleInTransaction(owner)).toBe(0);
  }, 60_000);

  it('answers SERVICE_UNAVAILABLE when the server ends the session mid-operation, and replaces the connection', async () => {
    const lock = await lockLots();
    let ended: Answer;
    try {
      const pending = lots();
      await until(async () => (await waitingOnLock(owner)).length === 1, 'the operation to wait on the lock');
      const [pid] = await waitingOnLock(owner);
      await owner.query('select pg_terminate_backend($1)', [pid]);
      ended = await answered(30, pending);
    } finally {
      await lock.release();
    }
    expect(ended.errors?.map((e) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', retryable: true, reason: 'DATABASE_UNAVAILABLE' }]);
    const again = await Promise.all([lots(), lots()]);
    expect(again.map((a) => a.errors)).toEqual([undefined, undefined]);
  }, 60_000);
});
