import { TENANT_FILTER } from '@infusion/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Opens both isolation layers (the ORM filter and row-level security) for the rest of the
 * current transaction. Only for lookups that come before anyone knows whose data it is: the
 * gateway's credential check and sign-in. Never for an operation of a signed-in caller.
 */
export async function seeAllClients(em: EntityManager): Promise<void> {
  em.setFilterParams(TENANT_FILTER, { clientIds: null, siteIds: null });
  await em.execute("select set_config('app.all_clients', 'on', true)");
}
