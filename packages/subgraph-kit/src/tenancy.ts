import type { Dictionary, EntityMetadata, Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from './auth/principal';

type FilterDef = NonNullable<Options['filters']>[string];

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

/** The transaction settings row-level security reads: named here only. */
const SETTING = { allClients: 'app.all_clients', clientIds: 'app.client_ids', siteIds: 'app.site_ids' } as const;

/** Every client and site: for lookups made before anyone knows whose data it is. */
export const ALL_CLIENTS: TenantScope = { clientIds: null, siteIds: null };

/**
 * Opens both isolation layers (the ORM filter and row-level security) for the rest of the current
 * transaction. Only for lookups that come before anyone knows whose data it is — the gateway's
 * credential check and sign-in — never for an operation of a signed-in caller.
 */
export async function seeAllClients(em: EntityManager): Promise<void> {
  em.setFilterParams(TENANT_FILTER, ALL_CLIENTS);
  const settings = tenantSettingsSql(ALL_CLIENTS);
  await em.execute(settings.sql, settings.params);
}

/** Database-side limits of one operation's transaction, in milliseconds (see DatabaseBounds). */
export interface TransactionLimits {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * The per-transaction settings, in one statement: the tenant settings the row-level security
 * policies read and, when given, the operation's limits. All are local to the transaction
 * (`set_config(..., true)` is `SET LOCAL`), so a pooled connection carries nothing to the next.
 */
export function tenantSettingsSql(scope: TenantScope, limits?: TransactionLimits): { sql: string; params: string[] } {
  const settings = transactionSettings(scope, limits);
  return {
    sql: `select ${settings.map(([name]) => `set_config('${name}', ?, true)`).join(', ')}`,
    params: settings.map(([, value]) => value),
  };
}

/**
 * The same statement with its values written in, to travel in BEGIN's own round trip (a query of
 * several statements takes no parameters; see `beginWith`).
 */
export function tenantSettingsInlineSql(scope: TenantScope, limits?: TransactionLimits): string {
  return `select ${transactionSettings(scope, limits)
    .map(([name, value]) => `set_config('${name}', ${sqlLiteral(value)}, true)`)
    .join(', ')}`;
}

function transactionSettings(scope: TenantScope, limits?: TransactionLimits): [string, string][] {
  const settings: [string, string][] = [
    [SETTING.allClients, scope.clientIds === null ? 'on' : 'off'],
    [SETTING.clientIds, (scope.clientIds ?? []).join(',')],
    [SETTING.siteIds, (scope.siteIds ?? []).join(',')],
  ];
  if (limits) {
    settings.push(['statement_timeout', String(limits.statementTimeoutMs)], ['idle_in_transaction_session_timeout', String(limits.idleInTransactionTimeoutMs)]);
  }
  return settings;
}

/** A PostgreSQL string literal, whatever `standard_conforming_strings` is (as node-postgres' escapeLiteral). */
export function sqlLiteral(value: string): string {
  const quoted = `'${value.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
  return value.includes('\\') ? `E${quoted}` : quoted;
}

/**
 * Entities that *are* a tenant: a `Client` is named by its id, a `Site` by its id. A subgraph that
 * only extends one of them (a stub: staffing's `Site.staff`, billing's `Client.managementContracts`)
 * has no row to filter, so the kit checks the stub's own key against the caller's limits before
 * resolving any field it adds (see `tenantStubGuard` in references.ts).
 */
export const TENANT_KEYED_TYPES: Record<string, keyof TenantScope> = { Client: 'clientIds', Site: 'siteIds' };

/** Whether the caller's limits allow the tenant named by `id` (a client or a site id). */
export function tenantAllows(scope: TenantScope, limit: keyof TenantScope, id: string): boolean {
  const allowed = scope[limit];
  return allowed === null || allowed.includes(id);
}

/**
 * The SQL condition row-level security policies use: the caller may see rows of the client in
 * `clientColumn` (all clients are open, or the column is one of the transaction's client ids).
 */
export const callerMaySeeClientSql = (clientColumn: string): string =>
  `(current_setting('${SETTING.allClients}', true) = 'on' or ${clientColumn} = any (string_to_array(nullif(current_setting('${SETTING.clientIds}', true), ''), ',')::uuid[]))`;

/**
 * Isolation layer two, for a migration: row-level security on one table. Rows are visible only
 * when the transaction's settings name their client (or allow all clients) and, for tables with
 * a site column, their site when the caller is limited to sites. No setting, no rows.
 */
export function rowLevelSecuritySql(qualifiedTable: string, columns: { client: string; site?: string }): string[] {
  const name = qualifiedTable.replace('.', '_');
  const clientCheck = callerMaySeeClientSql(columns.client);
  const statements = [
    `alter table ${qualifiedTable} enable row level security`,
    `create policy ${name}_tenant on ${qualifiedTable} using ${clientCheck} with check ${clientCheck}`,
  ];
  if (columns.site) statements.push(siteRowLevelSecuritySql(qualifiedTable, columns.site));
  return statements;
}

/**
 * The site half of row-level security, for a table that gains a site column later: rows are
 * visible only when the caller is not limited to sites or the row's site is one of them.
 */
export function siteRowLevelSecuritySql(qualifiedTable: string, siteColumn: string): string {
  const name = qualifiedTable.replace('.', '_');
  const siteCheck = `(coalesce(current_setting('${SETTING.siteIds}', true), '') = '' or ${siteColumn} = any (string_to_array(current_setting('${SETTING.siteIds}', true), ',')::uuid[]))`;
  return `create policy ${name}_site on ${qualifiedTable} as restrictive using ${siteCheck} with check ${siteCheck}`;
}
