import type { Dictionary, EntityMetadata } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/core';

type FilterDef = NonNullable<Options['filters']>[string];
import type { Principal } from './auth/principal';

/**
 * Isolation between clients, layer one of two: a MikroORM filter on every tenant-owned entity.
 * Layer two is PostgreSQL row-level security (`rowLevelSecuritySql`), keyed on settings made per
 * transaction (`tenantSettingsSql`). Either layer alone keeps clients apart.
 */
export interface TenantScope {
  /** Clients whose rows are visible; null = all (an unrestricted ops user). */
  clientIds: string[] | null;
  /** Sites whose rows are visible; null = all sites of those clients. */
  siteIds: string[] | null;
}

export const scopeOf = (principal: Principal): TenantScope => ({ clientIds: principal.clientIds, siteIds: principal.siteIds });

/** Which column of an entity names its client and its site, if any. */
export interface TenantColumns {
  /** `clientId` for tenant rows; `id` for the tenant root (Client). */
  client?: string;
  /** `siteId` for rows that belong to a site; `id` for Site itself. */
  site?: string;
}

export const TENANT_FILTER = 'tenant';

/**
 * The ORM filter: narrows every query of a tenant entity to the caller's clients and sites.
 * Which properties to use is read from the entity's metadata (`clientId`, `siteId`), or from
 * `roots` for the entities that are themselves the client or the site.
 */
export function tenantFilter(roots: Record<string, TenantColumns> = {}): FilterDef {
  return {
    name: TENANT_FILTER,
    default: true,
    cond: (args: Dictionary, _type: unknown, em: unknown, _options: unknown, entityName?: string) => {
      const scope = args as TenantScope;
      const meta = entityName
        ? ((em as { getMetadata(): { find(name: string): EntityMetadata | undefined } }).getMetadata().find(entityName) ?? undefined)
        : undefined;
      const columns: TenantColumns = (entityName && roots[entityName]) || {
        client: meta?.properties.clientId ? 'clientId' : undefined,
        site: meta?.properties.siteId ? 'siteId' : undefined,
      };
      const cond: Dictionary = {};
      if (columns.client && scope.clientIds) cond[columns.client] = { $in: scope.clientIds };
      if (columns.site && scope.siteIds) cond[columns.site] = { $in: scope.siteIds };
      return cond;
    },
  };
}

/** The per-transaction settings the row-level security policies read. */
export function tenantSettingsSql(scope: TenantScope): { sql: string; params: string[] } {
  return {
    sql: "select set_config('app.all_clients', ?, true), set_config('app.client_ids', ?, true), set_config('app.site_ids', ?, true)",
    params: [scope.clientIds === null ? 'on' : 'off', (scope.clientIds ?? []).join(','), (scope.siteIds ?? []).join(',')],
  };
}

/**
 * Isolation layer two, for a migration: row-level security on one table. Rows are visible only
 * when the transaction's settings name their client (or allow all clients) and, for tables with
 * a site column, their site when the caller is limited to sites. No setting, no rows.
 */
export function rowLevelSecuritySql(qualifiedTable: string, columns: { client: string; site?: string }): string[] {
  const name = qualifiedTable.replace('.', '_');
  const clientCheck = `(current_setting('app.all_clients', true) = 'on' or ${columns.client} = any (string_to_array(nullif(current_setting('app.client_ids', true), ''), ',')::uuid[]))`;
  const statements = [
    `alter table ${qualifiedTable} enable row level security`,
    `create policy ${name}_tenant on ${qualifiedTable} using ${clientCheck} with check ${clientCheck}`,
  ];
  if (columns.site) {
    const siteCheck = `(coalesce(current_setting('app.site_ids', true), '') = '' or ${columns.site} = any (string_to_array(current_setting('app.site_ids', true), ',')::uuid[]))`;
    statements.push(`create policy ${name}_site on ${qualifiedTable} as restrictive using ${siteCheck} with check ${siteCheck}`);
  }
  return statements;
}
