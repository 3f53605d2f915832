import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerContext } from './auth/principal';
import { callerMaySeeClientSql } from './tenancy';

/**
 * The audit trail: one append-only table shared by every subgraph, written in the same
 * transaction as the change it records (so a rolled-back change leaves no audit row, and a
 * committed one always has one). The application role may insert and read, never update or
 * delete; a trigger refuses those even to the owner.
 */
export const AUDIT_TABLE = 'audit.audit_event';

export type AuditAction = 'MUTATION' | 'READ';

export interface AuditRecord {
  action: AuditAction;
  /** The GraphQL field: `bookAppointment`, `patient`, `_entities`… */
  operation: string;
  entityType: string | null;
  entityIds: string[];
  clientId: string | null;
  /** Why it was refused, for a recorded refusal (e.g. a failed sign-in: WRONG_PASSWORD); else absent. */
  reason?: string | null;
}

/** Collects what one operation did; `flush` writes it inside the operation's transaction. */
export class AuditLog {
  private readonly records = new Map<string, AuditRecord>();

  constructor(
    private readonly service: string,
    private readonly caller: CallerContext | undefined,
  ) {}

  record(record: AuditRecord): void {
    // One row per (action, operation, type, client): reading 50 patients is one event listing 50 ids.
    const key = `${record.action}|${record.operation}|${record.entityType}|${record.clientId}|${record.reason ?? ''}`;
    const existing = this.records.get(key);
    if (existing) {
      for (const id of record.entityIds) if (!existing.entityIds.includes(id)) existing.entityIds.push(id);
    } else {
      this.records.set(key, { ...record, entityIds: [...record.entityIds] });
    }
  }

  get size(): number {
    return this.records.size;
  }

  async flush(em: EntityManager): Promise<void> {
    if (this.records.size === 0) return;
    const principal = this.caller?.principal;
    const rows = [...this.records.values()];
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const params = rows.flatMap((r) => [
      randomUUID(),
      this.service,
      this.caller?.requestId ?? null,
      principal?.kind ?? 'ANONYMOUS',
      principal?.id ?? null,
      principal?.name ?? null,
      r.clientId,
      r.action,
      r.operation,
      r.entityType,
      `{${r.entityIds.join(',')}}`,
      this.caller?.remoteAddress ?? null,
      r.reason ?? null,
    ]);
    await em.execute(
      `insert into ${AUDIT_TABLE} (id, service, request_id, actor_kind, actor_id, actor_name, client_id, action, operation, entity_type, entity_ids, remote_address, reason) values ${values}`,
      params,
    );
    this.records.clear();
  }
}

/**
 * Creates the audit schema (idempotent; run under the shared-setup lock, see database.ts) and
 * lets `appRole` insert and read.
 */
export function auditSchemaSql(appRole?: string): string[] {
  const statements = [
    `create schema if not exists audit`,
    `create table if not exists ${AUDIT_TABLE} (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      service text not null,
      request_id text,
      actor_kind text not null check (actor_kind in ('OPS_USER', 'API_KEY', 'ANONYMOUS', 'SYSTEM')),
      actor_id text,
      actor_name text,
      client_id uuid,
      action text not null check (action in ('MUTATION', 'READ')),
      operation text not null,
      entity_type text,
      entity_ids text[] not null default '{}',
      remote_address text,
      reason text
    )`,
    // Tables created before refusals were recorded get the column too.
    `alter table ${AUDIT_TABLE} add column if not exists reason text`,
    `create index if not exists audit_event_time_idx on ${AUDIT_TABLE} (occurred_at desc, id)`,
    `create index if not exists audit_event_client_idx on ${AUDIT_TABLE} (client_id, occurred_at desc)`,
    `create or replace function audit.refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'the audit trail is append-only'; end $$`,
    `drop trigger if exists audit_event_append_only on ${AUDIT_TABLE}`,
    // Per statement, so even an update or delete that matches nothing, or a truncate, is refused.
    `create trigger audit_event_append_only before update or delete or truncate on ${AUDIT_TABLE} for each statement execute function audit.refuse_change()`,
    `alter table ${AUDIT_TABLE} enable row level security`,
    `drop policy if exists audit_event_tenant on ${AUDIT_TABLE}`,
    `create policy audit_event_tenant on ${AUDIT_TABLE}
      using ${callerMaySeeClientSql('client_id')}
      with check (client_id is null or ${callerMaySeeClientSql('client_id')})`,
  ];
  if (appRole) {
    statements.push(`grant usage on schema audit to "${appRole}"`, `grant select, insert on ${AUDIT_TABLE} to "${appRole}"`);
  }
  return statements;
}
