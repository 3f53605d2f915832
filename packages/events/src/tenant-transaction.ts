import { TENANT_FILTER, tenantSettingsSql, type DatabaseBounds, type EntityManager, type MikroORM, type TenantScope } from '@infusion/subgraph-kit';

export type TransactionBounds = Pick<DatabaseBounds, 'statementTimeoutMs' | 'idleInTransactionTimeoutMs'>;

/**
 * Runs `work` in one transaction under `scope`: an entity manager forked with the tenant filter
 * set, and the row-level-security settings made first (with the subgraph's statement limits when
 * given), exactly as a GraphQL operation runs. Commits when `work` resolves, rolls back when it throws.
 */
export async function inTenantTransaction<T>(orm: MikroORM, scope: TenantScope, work: (em: EntityManager) => Promise<T>, bounds?: TransactionBounds): Promise<T> {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, scope);
  await em.begin();
  try {
    const settings = tenantSettingsSql(scope, bounds);
    await em.execute(settings.sql, settings.params);
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    if (em.isInTransaction()) await em.rollback();
    throw error;
  }
}

/** One client, all its sites: how an event's handler and its bookkeeping see the database. */
export const clientScope = (clientId: string): TenantScope => ({ clientIds: [clientId], siteIds: null });

/**
 * Every client: only for the queue's own maintenance and gauges (counting backlog, pruning
 * handled records), never for a handler.
 */
export const ALL_CLIENTS: TenantScope = { clientIds: null, siteIds: null };
