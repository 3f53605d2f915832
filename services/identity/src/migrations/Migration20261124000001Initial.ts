import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Ops users and their sessions belong to the operator (no client column); API keys belong to
 * one client and are isolated like every tenant table. The audit table is created by the kit.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table identity.ops_user (
        id uuid primary key,
        email text not null unique check (email = lower(email) and email like '%@%'),
        display_name text not null,
        role text not null check (role in ('ADMIN', 'OPERATIONS', 'FINANCE', 'READ_ONLY')),
        client_ids uuid[],
        password_hash text not null,
        active boolean not null default true,
        failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table identity.session (
        id uuid primary key,
        user_id uuid not null references identity.ops_user (id),
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        last_seen_at timestamptz,
        remote_address text,
        check (expires_at > created_at)
      )`);
    this.addSql(`create index session_user_idx on identity.session (user_id)`);
    this.addSql(`
      create table identity.api_key (
        client_id uuid not null,
        id uuid not null,
        name text not null check (length(trim(name)) > 0),
        prefix text not null unique check (prefix ~ '^[a-z2-9]{8}$'),
        last4 char(4) not null,
        secret_hash text not null unique,
        scopes text[] not null check (cardinality(scopes) > 0),
        site_ids uuid[],
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        rotated_from_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, rotated_from_id) references identity.api_key (client_id, id)
      )`);
    this.addSql(`create index api_key_id_idx on identity.api_key (id)`);
    for (const sql of rowLevelSecuritySql('identity.api_key', { client: 'client_id' })) this.addSql(sql);
  }
}
