import { BaseEntity, beginWith, openDatabase, tenantSettingsInlineSql, type EntityManager, type MikroORM } from '@infusion/subgraph-kit';
import { Entity } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../support/platform';

/** Never queried: MikroORM needs one entity to start. */
@Entity({ tableName: 'probe' })
class Probe extends BaseEntity {}

/**
 * An operation's transaction settings (tenant, statement and idle limits) ride with its BEGIN, in
 * one round trip, on the application role's real connections.
 */
describe('a transaction begun with its settings (beginWith)', () => {
  let orm: MikroORM;
  let statements = 0;
  beforeAll(async () => {
    // One connection: whatever the first transaction leaves on it, the next one meets.
    orm = await openDatabase({ schema: 'kit_begin_test', entities: [Probe], migrations: [] }, { url: platform().appDatabaseUrl, poolMax: 1 });
    orm.em.getConnection().getKnex().on('query', () => statements++);
  });
  afterAll(async () => {
    await orm?.close();
  });

  const fork = () => orm.em.fork() as EntityManager;

  it('sends BEGIN and the settings as one statement, values written in exactly as given', async () => {
    const em = fork();
    const clientIds = ["o'brien", 'back\\slash', 'e2b1c7a4-6c1f-4a53-9f0e-1d7c3b2a9e10'];
    const before = statements;
    await beginWith(em, tenantSettingsInlineSql({ clientIds, siteIds: null }, { statementTimeoutMs: 4321, idleInTransactionTimeoutMs: 8765 }));
    expect(statements - before).toBe(1);
    const [settings] = await em.execute<{ all: string; clients: string; sites: string; timeout: string; idle: string }[]>(
      `select current_setting('app.all_clients', true) as "all", current_setting('app.client_ids', true) as clients,
              current_setting('app.site_ids', true) as sites, current_setting('statement_timeout') as timeout,
              current_setting('idle_in_transaction_session_timeout') as idle`,
    );
    await em.commit();
    expect(settings).toEqual({ all: 'off', clients: clientIds.join(','), sites: '', timeout: '4321ms', idle: '8765ms' });
    // Local to the transaction: the pooled connection carries none of it to the next.
    const [after] = await fork().execute<{ clients: string | null }[]>(`select current_setting('app.client_ids', true) as clients`);
    expect(after?.clients ?? '').toBe('');
  });

  it('leaves no failed transaction on the pooled connection when the settings fail', async () => {
    const em = fork();
    await expect(beginWith(em, `select set_config('statement_timeout', 'soon', true)`)).rejects.toThrow(/statement_timeout/);
    expect(em.isInTransaction()).toBe(false);
    // The same (only) connection: a failed transaction left open would refuse this statement (25P02).
    const next = fork();
    await next.begin();
    const [row] = await next.execute<{ one: number }[]>('select 1 as one');
    await next.commit();
    expect(row).toEqual({ one: 1 });
  });
});
