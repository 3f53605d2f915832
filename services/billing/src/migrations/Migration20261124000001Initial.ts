import { Migration } from '@mikro-orm/migrations';

/**
 * Payers are one catalogue shared by every client (plain uuid key). Every other table belongs to
 * one client: keyed on (client_id, id), foreign keys inside the schema carry client_id so a row
 * can never point at another client's row, and a plain index on id serves look-ups by id.
 * Patients, sites and clients live in other subgraphs: their ids are plain uuid columns.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.payer (
        id uuid primary key,
        name text not null check (length(trim(name)) > 0),
        kind text not null check (kind in ('MEDICARE', 'MEDICAID', 'COMMERCIAL')),
        payer_code text not null unique check (length(trim(payer_code)) > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);

    this.addSql(`
      create table billing.coverage (
        client_id uuid not null,
        id uuid not null,
        patient_id uuid not null,
        payer_id uuid not null references billing.payer (id),
        member_id text not null check (length(trim(member_id)) > 0),
        plan_name text not null check (length(trim(plan_name)) > 0),
        priority integer not null check (priority in (1, 2)),
        effective_from date not null,
        effective_to date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, patient_id, priority, effective_from),
        check (effective_to is null or effective_to >= effective_from)
      )`);
    this.addSql(`create index coverage_id_idx on billing.coverage (id)`);
    this.addSql(`create index coverage_patient_idx on billing.coverage (patient_id)`);
    this.addSql(`create index coverage_payer_idx on billing.coverage (payer_id)`);

    this.addSql(`
      create table billing.prior_authorization (
        client_id uuid not null,
        id uuid not null,
        patient_id uuid not null,
        payer_id uuid not null references billing.payer (id),
        site_id uuid not null,
        authorization_number text not null check (length(trim(authorization_number)) > 0),
        hcpcs_code text not null check (hcpcs_code ~ '^[A-V][0-9]{4}$'),
        approved_units integer not null check (approved_units >= 0),
        used_units integer not null default 0 check (used_units >= 0),
        approved_visits integer check (approved_visits is null or approved_visits > 0),
        valid_from date not null,
        valid_to date not null,
        status text not null check (status in ('ACTIVE', 'EXPIRED', 'EXHAUSTED', 'DENIED')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, payer_id, authorization_number),
        check (used_units <= approved_units),
        check (valid_to >= valid_from)
      )`);
    this.addSql(`create index prior_authorization_id_idx on billing.prior_authorization (id)`);
    this.addSql(`create index prior_authorization_patient_idx on billing.prior_authorization (patient_id)`);
    this.addSql(`create index prior_authorization_site_idx on billing.prior_authorization (site_id)`);
    // Serves "expiring before" lists, ordered by last valid day then id (the connection's keyset).
    this.addSql(`create index prior_authorization_valid_to_idx on billing.prior_authorization (valid_to, id)`);
    this.addSql(`create index prior_authorization_client_valid_to_idx on billing.prior_authorization (client_id, valid_to, id)`);
    this.addSql(`create index prior_authorization_status_valid_to_idx on billing.prior_authorization (status, valid_to, id)`);

    this.addSql(`
      create table billing.management_contract (
        client_id uuid not null,
        id uuid not null,
        name text not null check (length(trim(name)) > 0),
        services text[] not null check (
          cardinality(services) > 0
          and services <@ array['STAFFING', 'INVENTORY', 'SCHEDULING', 'REVENUE_CYCLE', 'FACILITIES', 'TECHNOLOGY']::text[]
        ),
        effective_from date not null,
        effective_to date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, name),
        check (effective_to is null or effective_to >= effective_from)
      )`);
    this.addSql(`create index management_contract_id_idx on billing.management_contract (id)`);
    this.addSql(`create index management_contract_name_idx on billing.management_contract (name, id)`);

    this.addSql(`
      create table billing.fee_schedule (
        client_id uuid not null,
        id uuid not null,
        contract_id uuid not null,
        basis text not null check (basis in ('PER_TREATMENT_GRADUATED', 'PER_TREATMENT_VOLUME', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE')),
        percent numeric(5, 2) check (percent is null or (percent > 0 and percent <= 100)),
        monthly_minimum numeric(12, 2) check (monthly_minimum is null or monthly_minimum >= 0),
        monthly_cap numeric(12, 2) check (monthly_cap is null or monthly_cap > 0),
        flat_per_site_monthly numeric(12, 2) check (flat_per_site_monthly is null or flat_per_site_monthly >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- One schedule per contract: a changed price is a new contract (or amendment) with its own dates.
        unique (client_id, contract_id),
        foreign key (client_id, contract_id) references billing.management_contract (client_id, id),
        check (basis <> 'PERCENT_OF_COLLECTIONS' or percent is not null),
        check (basis = 'PERCENT_OF_COLLECTIONS' or percent is null),
        check (basis <> 'FLAT_PER_SITE' or flat_per_site_monthly is not null),
        check (monthly_cap is null or monthly_minimum is null or monthly_cap >= monthly_minimum)
      )`);
    this.addSql(`create index fee_schedule_id_idx on billing.fee_schedule (id)`);
    this.addSql(`create index fee_schedule_contract_idx on billing.fee_schedule (contract_id)`);

    this.addSql(`
      create table billing.fee_tier (
        client_id uuid not null,
        id uuid not null,
        fee_schedule_id uuid not null,
        from_treatments integer not null check (from_treatments >= 1),
        to_treatments integer,
        fee_per_treatment numeric(12, 2) not null check (fee_per_treatment >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, fee_schedule_id, from_treatments),
        foreign key (client_id, fee_schedule_id) references billing.fee_schedule (client_id, id),
        check (to_treatments is null or to_treatments >= from_treatments)
      )`);
    this.addSql(`create index fee_tier_id_idx on billing.fee_tier (id)`);
    this.addSql(`create index fee_tier_schedule_idx on billing.fee_tier (fee_schedule_id, from_treatments)`);
  }
}
