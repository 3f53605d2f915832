import { AsyncLocalStorage } from 'node:async_hooks';
import { MikroORM, defineConfig, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { auditSchemaSql } from './audit';
import { DATABASE_ERROR, logger } from './logger';
import type { TransactionLimits } from './tenancy';
import { tenantFilter, tenantSettingsSql, type TenantColumns, type TenantScope } from './tenancy';

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
  /** How long to wait for a free pooled connection before failing (knex: acquireConnectionTimeout). */
  poolAcquireTimeoutMs?: number;
  /** Log each statement, without its values. */
  logSql?: boolean;
  /** Shown in pg_stat_activity, so an operator can tell whose connection is whose. */
  applicationName?: string;
}

type Callback = (error: Error | null, result?: unknown) => void;
interface PgConnection {
  query(config: unknown, valuesOrCallback?: unknown, callback?: Callback): unknown;
  on(event: 'error' | 'end', listener: (error: Error) => void): unknown;
}

/** Statements to send in the same round trip as the next BEGIN on this async path (`beginWith`). */
interface BeginRider {
  sql: string;
  sent: boolean;
  error?: Error;
}
const beginRiders = new AsyncLocalStorage<BeginRider>();

/** knex begins a transaction with exactly this statement (no isolation level or read-only mode). */
const isBegin = (config: unknown) => (config as { text?: unknown } | null)?.text === 'BEGIN;';

/**
 * Begins `em`'s transaction with `sql` (statements without parameters, e.g. the transaction's
 * settings) sent in BEGIN's own round trip, as `BEGIN; <sql>`: one round trip fewer for every
 * operation. Should the statement not go with BEGIN, it is sent on its own, so it is never lost.
 */
export async function beginWith(em: EntityManager, sql: string): Promise<void> {
  const rider: BeginRider = { sql, sent: false };
  await beginRiders.run(rider, () => em.begin());
  if (rider.error) {
    // knex 3 may resolve a transaction whose BEGIN statement failed, already completed; the
    // connection was rolled back and released, so only the entity manager's record goes.
    await em.rollback().catch(() => undefined);
    throw rider.error;
  }
  if (!rider.sent) await em.execute(sql);
}

/**
 * One statement at a time on each connection, queued here rather than by the caller. An
 * operation's loaders share its transaction's single connection and may run at once (a batch may
 * even wait on another loader's batch, as stock waits on products), so they must not be serialised
 * as whole batches (that deadlocks). node-postgres 8 still queues concurrent queries itself, but
 * warns (DeprecationWarning) that pg 9 will not; measured with 50 concurrent statements in one
 * transaction, this queue costs the same. Errors that PostgreSQL returns are marked, so logs never
 * print their message (which carries the statement with its values inlined).
 */
function oneStatementAtATime(connection: PgConnection): void {
  const query = connection.query.bind(connection);
  const waiting: { config: unknown; values: unknown; callback: Callback }[] = [];
  let busy = false;
  let ended: Error | undefined;
  // The server ended the session (e.g. idle_in_transaction_session_timeout): later statements get
  // that error, with its SQLSTATE, instead of a bare "not queryable".
  connection.on('error', (error) => {
    ended ??= error;
  });
  connection.on('end', () => {
    ended ??= Object.assign(new Error('The database ended the session'), { code: '08006' });
  });
  // Sends the next statement as soon as the previous one answers, as node-postgres's own queue does.
  const next = (): void => {
    const statement = waiting.shift();
    busy = statement !== undefined;
    if (!statement) return;
    const finish: Callback = (error, result) => {
      if (error) Object.defineProperty(error, DATABASE_ERROR, { value: true, enumerable: false });
      // A FATAL error (the server ended the session) is the cause of whatever follows.
      if ((error as { severity?: unknown } | null)?.severity === 'FATAL') ended ??= error ?? undefined;
      next();
      statement.callback(error && ended && !(error as { code?: unknown }).code ? ended : error, result);
    };
    try {
      if (statement.values === undefined) query(statement.config, finish);
      else query(statement.config, statement.values, finish);
    } catch (error) {
      finish(error as Error);
    }
  };
  connection.query = (config: unknown, valuesOrCallback?: unknown, maybeCallback?: Callback) => {
    const callback = (typeof valuesOrCallback === 'function' ? valuesOrCallback : maybeCallback) as Callback | undefined;
    // Only knex's callback style is queued; promise-style calls (none in knex) pass through.
    if (!callback) return query(config, valuesOrCallback, maybeCallback);
    const values = typeof valuesOrCallback === 'function' ? undefined : valuesOrCallback;
    const rider = isBegin(config) ? beginRiders.getStore() : undefined;
    if (rider && !rider.sent && (values === undefined || (Array.isArray(values) && values.length === 0))) {
      rider.sent = true;
      waiting.push({
        config: { ...(config as object), text: `BEGIN; ${rider.sql}` },
        values,
        callback: (error, result) => {
          if (!error) return callback(null, result);
          rider.error = error;
          // BEGIN may have succeeded before the rider failed: the connection must not go back to
          // the pool inside that failed transaction.
          waiting.unshift({ config: 'ROLLBACK', values: undefined, callback: () => callback(error) });
          if (!busy) next();
        },
      });
    } else {
      waiting.push({ config, values, callback });
    }
    if (!busy) next();
    return undefined;
  };
}

export function ormOptions(def: DatabaseDefinition, opts: OpenDatabaseOptions): Options {
  const sqlLog = logger.child({ component: 'sql' });
  return defineConfig({
    clientUrl: opts.url,
    schema: def.schema,
    entities: def.entities,
    extensions: [Migrator],
    // Timestamps are stored as timestamptz and always handled in UTC; sites carry their own zone.
    forceUtcTimezone: true,
    pool: {
      min: 0,
      max: opts.poolMax ?? 10,
      afterCreate: (connection: PgConnection, done: (error: Error | null, connection: PgConnection) => void) => {
        oneStatementAtATime(connection);
        done(null, connection);
      },
    },
    driverOptions: {
      acquireConnectionTimeout: opts.poolAcquireTimeoutMs ?? 60_000,
      connection: opts.applicationName ? { application_name: opts.applicationName } : {},
      // knex's own warnings, through our logger (they carry no statement values).
      log: {
        warn: (message: unknown) => sqlLog.warn(String(message)),
        error: (message: unknown) => sqlLog.error(String(message)),
        deprecate: (message: unknown) => sqlLog.warn(String(message)),
        debug: () => undefined,
      },
    },
    // 'query' without 'query-params': statements are logged with placeholders, never values.
    debug: opts.logSql ? ['query'] : false,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colours MikroORM adds for terminals.
    logger: (message: string) => sqlLog.info({ statement: message.replace(/\u001b\[[0-9;]*m/g, '') }, 'sql'),
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

/**
 * A transaction outside a GraphQL operation (an internal HTTP route): the same tenant settings and
 * statement/idle limits as an operation's, in its first statement, so no route can run unbounded
 * or without row-level security.
 */
export function inTenantTransaction<T>(orm: MikroORM, scope: TenantScope, limits: TransactionLimits, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional(async (em) => {
    const settings = tenantSettingsSql(scope, limits);
    await em.execute(settings.sql, settings.params);
    return work(em as EntityManager);
  });
}
