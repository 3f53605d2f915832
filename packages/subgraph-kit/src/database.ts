import { MikroORM, defineConfig, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { auditSchemaSql } from './audit';
import { tenantFilter, type TenantColumns } from './tenancy';

/** What a subgraph declares about its own database: one PostgreSQL schema, its entities, its migrations. */
export interface DatabaseDefinition {
  /** PostgreSQL schema the subgraph owns; no other subgraph writes to it. */
  schema: string;
  entities: EntityClass<unknown>[];
  /** In order; listed as classes so built code and vitest behave alike. */
  migrations: { name: string; class: Constructor<Migration> }[];
  /**
   * Entities that are themselves a client or a site, keyed by class name, e.g.
   * `{ Client: { client: 'id' }, Site: { client: 'clientId', site: 'id' } }`. Other entities are
   * filtered by their `clientId` and `siteId` properties.
   */
  tenantRoots?: Record<string, TenantColumns>;
}

export interface OpenDatabaseOptions {
  url: string;
  poolMax?: number;
  logSql?: boolean;
}

export function ormOptions(def: DatabaseDefinition, opts: OpenDatabaseOptions): Options {
  return defineConfig({
    clientUrl: opts.url,
    schema: def.schema,
    entities: def.entities,
    extensions: [Migrator],
    // Timestamps are stored as timestamptz and always handled in UTC; sites carry their own zone.
    forceUtcTimezone: true,
    pool: { min: 0, max: opts.poolMax ?? 10 },
    debug: opts.logSql ? ['query'] : false,
    // Reference.load()/Collection.load() batch per tick; our loaders cover em.find paths.
    dataloader: true,
    migrations: {
      // Each subgraph keeps its own history table inside its own schema.
      tableName: `${def.schema}_migrations`,
      migrationsList: def.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    discovery: { disableDynamicFileAccess: true },
    // Isolation layer one (layer two is row-level security in the migrations).
    filters: { tenant: tenantFilter(def.tenantRoots) },
  });
}

export async function openDatabase(def: DatabaseDefinition, opts: OpenDatabaseOptions): Promise<MikroORM> {
  return MikroORM.init(ormOptions(def, opts));
}

/**
 * What every subgraph relies on beyond its own schema: database-wide extensions and the shared
 * audit table. Created by whichever subgraph migrates first; the advisory lock makes parallel
 * migrations wait for each other instead of racing on `create ... if not exists`.
 */
function sharedSetupSql(appRole?: string): string[] {
  return ['select pg_advisory_xact_lock(4242)', 'create extension if not exists btree_gist', ...auditSchemaSql(appRole)];
}

/**
 * Creates the schema if needed and applies pending migrations, all or nothing. When `appRole` is
 * given, that role (the one the running subgraph connects as) may read and write the schema's
 * tables but owns nothing, so it cannot alter them or switch off row-level security.
 */
export async function migrate(orm: MikroORM, def: DatabaseDefinition, appRole?: string): Promise<string[]> {
  const connection = orm.em.getConnection();
  await connection.transactional(async (trx) => {
    for (const sql of sharedSetupSql(appRole)) await connection.execute(sql, [], 'run', trx);
  });
  await connection.execute(`create schema if not exists "${def.schema}"`);
  const applied = await orm.getMigrator().up();
  if (appRole) {
    await connection.execute(`grant usage on schema "${def.schema}" to "${appRole}"`);
    await connection.execute(`grant select, insert, update, delete on all tables in schema "${def.schema}" to "${appRole}"`);
    await connection.execute(`grant usage, select on all sequences in schema "${def.schema}" to "${appRole}"`);
  }
  return applied.map((m) => m.name);
}

export type { EntityManager, MikroORM };
