import { randomBytes, randomUUID } from 'node:crypto';
import { DeliveryCounters, EventDelivery, migrateEvents, startEventWorker, type EventHandler, type EventWorker, type PublishContext } from '@infusion/events';
import { TENANT_FILTER, TenantEntity, openDatabase, tenantSettingsSql, type EntityManager, type MikroORM, type TenantScope } from '@infusion/subgraph-kit';
import { Entity, Property } from '@mikro-orm/core';
import { sqlRows } from '@infusion/testkit';
import type pg from 'pg';
import { platform } from '../../support/platform';

/**
 * The events kit on the test platform's PostgreSQL, in this test process: a scratch schema with
 * a tenant table (`note`, row-level security on) and an effects log, test consumers with their
 * own workers. The platform's subgraphs never see these consumers' jobs.
 */
export const suffix = randomBytes(4).toString('hex');
export const SCHEMA = `events_test_${suffix}`;

@Entity({ tableName: 'note' })
export class Note extends TenantEntity {
  @Property()
  text!: string;
}

/** Runs SQL as the owner (setup, inspection), outside any tenant settings. */
export const ownerQuery = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => sqlRows<T>(platform().ownerDatabaseUrl, sql, params);

export async function createScratchSchema(): Promise<void> {
  await migrateEvents(platform().ownerDatabaseUrl, 'infusion_app');
  const tenantCheck = `current_setting('app.all_clients', true) = 'on' or client_id = any (string_to_array(nullif(current_setting('app.client_ids', true), ''), ',')::uuid[])`;
  await ownerQuery(`
    create schema ${SCHEMA};
    create table ${SCHEMA}.note (client_id uuid not null, id uuid not null, text text not null, created_at timestamptz not null default now(), updated_at timestamptz not null default now(), primary key (client_id, id));
    alter table ${SCHEMA}.note enable row level security;
    create policy note_tenant on ${SCHEMA}.note using (${tenantCheck}) with check (${tenantCheck});
    create table ${SCHEMA}.effect (
      seq bigint generated always as identity primary key,
      client_id uuid not null, consumer text not null, event_id uuid not null, aggregate_id text not null, n integer not null,
      attempt integer not null, filter_client_ids text not null, notes_by_orm integer not null, notes_by_sql integer not null
    );
    alter table ${SCHEMA}.effect enable row level security;
    create policy effect_tenant on ${SCHEMA}.effect using (${tenantCheck}) with check (${tenantCheck});
    grant usage on schema ${SCHEMA} to infusion_app;
    grant select, insert, update, delete on all tables in schema ${SCHEMA} to infusion_app;
  `);
}

export async function dropScratchSchema(): Promise<void> {
  await ownerQuery(`drop schema if exists ${SCHEMA} cascade; delete from events.delivery where consumer like '%-${suffix}'`);
}

/** The application role's ORM, as a subgraph opens it (tenant filter, no RLS bypass). */
export function openAppOrm(): Promise<MikroORM> {
  return openDatabase({ schema: SCHEMA, entities: [Note, EventDelivery], migrations: [] }, { url: platform().appDatabaseUrl, poolMax: 8 });
}

/** Runs `work` the way a GraphQL operation runs: a tenant-filtered fork in one transaction with RLS settings. */
export async function asRequest<T>(orm: MikroORM, tenant: TenantScope, work: (ctx: PublishContext) => Promise<T>, outcome: 'commit' | 'rollback' = 'commit'): Promise<T> {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, tenant);
  await em.begin();
  try {
    const settings = tenantSettingsSql(tenant);
    await em.execute(settings.sql, settings.params);
    const requestId = randomUUID();
    const principal = { kind: 'OPS_USER' as const, id: 'events-test', credentialId: null, name: 'events test', role: 'ADMIN' as const, clientIds: tenant.clientIds, siteIds: tenant.siteIds, scopes: [] };
    const result = await work({ em: em as EntityManager, tenant, requestId, caller: { principal, requestId, remoteAddress: '127.0.0.1' } });
    if (outcome === 'commit') await em.commit();
    else await em.rollback();
    return result;
  } catch (error) {
    if (em.isInTransaction()) await em.rollback();
    throw error;
  }
}

export async function startWorker(orm: MikroORM, consumer: string, handlers: EventHandler[]): Promise<{ worker: EventWorker; counters: DeliveryCounters }> {
  const counters = new DeliveryCounters();
  const worker = await startEventWorker({ consumer, orm, databaseUrl: platform().appDatabaseUrl, handlers, concurrency: 4, counters, pollIntervalMs: 200 });
  return { worker, counters };
}

/** Waits on a condition (never a fixed sleep); generous, since the machine may be busy. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
