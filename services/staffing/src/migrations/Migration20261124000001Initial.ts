import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Tenant tables key on (client_id, id) and reference each other with client_id in the foreign
 * key, so a row can never point at another client's row and the tables can be distributed by
 * client later. Sites live in the facilities subgraph: their ids are plain uuid columns here.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    // btree_gist lets one GiST index mix equality (client, staff member) with range overlap (time).
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(`
      create table staffing.staff_member (
        client_id uuid not null,
        id uuid not null,
        home_site_id uuid not null,
        first_name text not null check (length(trim(first_name)) > 0),
        last_name text not null check (length(trim(last_name)) > 0),
        role text not null check (role in ('RN', 'LPN', 'NP', 'PA', 'PHYSICIAN', 'PHARMACIST', 'TECHNICIAN', 'COORDINATOR')),
        email text not null check (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
        npi varchar(10) check (npi ~ '^[0-9]{10}$'),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- Prescribers and supervising providers appear on orders and claims, which need their NPI.
        constraint staff_member_provider_npi check (role not in ('NP', 'PA', 'PHYSICIAN') or npi is not null)
      )`);
    this.addSql(`create index staff_member_id_idx on staffing.staff_member (id)`);
    // One login and contact address per person within a client, whatever its case.
    this.addSql(`create unique index staff_member_email_key on staffing.staff_member (client_id, lower(email))`);
    this.addSql(`create unique index staff_member_npi_key on staffing.staff_member (client_id, npi) where npi is not null`);
    this.addSql(`create index staff_member_client_name_idx on staffing.staff_member (client_id, last_name, id)`);
    this.addSql(`create index staff_member_home_site_idx on staffing.staff_member (home_site_id, last_name)`);
    this.addSql(`
      create table staffing.license (
        client_id uuid not null,
        id uuid not null,
        staff_member_id uuid not null,
        state char(2) not null check (state ~ '^[A-Z]{2}$'),
        number text not null check (length(trim(number)) > 0),
        type text not null check (type in ('REGISTERED_NURSE', 'LICENSED_PRACTICAL_NURSE', 'NURSE_PRACTITIONER', 'MEDICAL')),
        multistate boolean not null default false,
        expires_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- A board issues a number once per kind of licence.
        unique (client_id, state, type, number),
        foreign key (client_id, staff_member_id) references staffing.staff_member (client_id, id)
      )`);
    this.addSql(`create index license_id_idx on staffing.license (id)`);
    this.addSql(`create index license_staff_member_idx on staffing.license (staff_member_id)`);
    this.addSql(`
      create table staffing.competency (
        client_id uuid not null,
        id uuid not null,
        staff_member_id uuid not null,
        kind text not null check (kind ~ '^[A-Z][A-Z0-9_]*$'),
        expires_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, staff_member_id) references staffing.staff_member (client_id, id)
      )`);
    this.addSql(`create index competency_id_idx on staffing.competency (id)`);
    this.addSql(`create index competency_staff_member_idx on staffing.competency (staff_member_id, kind)`);
    this.addSql(`
      create table staffing.shift (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        staff_member_id uuid not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        constraint shift_ends_after_start check (ends_at > starts_at),
        -- Bounds the look-back of window queries (see MAX_SHIFT_HOURS in shift.rules.ts).
        constraint shift_at_most_a_day check (ends_at - starts_at <= interval '24 hours'),
        foreign key (client_id, staff_member_id) references staffing.staff_member (client_id, id),
        -- Nobody works two shifts at once; half-open ranges allow back-to-back shifts.
        constraint shift_staff_member_no_overlap exclude using gist (
          client_id with =, staff_member_id with =, tstzrange(starts_at, ends_at) with &&
        )
      )`);
    this.addSql(`create index shift_id_idx on staffing.shift (id)`);
    this.addSql(`create index shift_site_time_idx on staffing.shift (site_id, starts_at)`);
    this.addSql(`create index shift_staff_member_time_idx on staffing.shift (staff_member_id, starts_at)`);

    // Isolation layer two: the database itself hides other clients' rows (and other sites' shifts).
    const rls = [
      ...rowLevelSecuritySql('staffing.staff_member', { client: 'client_id' }),
      ...rowLevelSecuritySql('staffing.license', { client: 'client_id' }),
      ...rowLevelSecuritySql('staffing.competency', { client: 'client_id' }),
      ...rowLevelSecuritySql('staffing.shift', { client: 'client_id', site: 'site_id' }),
    ];
    for (const sql of rls) this.addSql(sql);
  }
}
