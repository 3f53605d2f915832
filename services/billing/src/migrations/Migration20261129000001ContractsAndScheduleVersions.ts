import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Contracts gain their billing period, currency and the sites they cover (with dates, so a site
 * joining or leaving mid-period is prorated). Fee schedules become effective-dated versions: an
 * amendment is a new row from its date, and the rows before it stay as they were, so a past
 * period is always priced by the terms in force then. New components: flat per chair, fixed
 * annual fee, a floor for the percentage of collections, percentage tiers, tiers per therapy
 * class and per site.
 */
export class Migration20261129000001ContractsAndScheduleVersions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table billing.management_contract
        add column billing_period text not null default 'MONTHLY' check (billing_period in ('MONTHLY', 'QUARTERLY')),
        add column currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$')`);

    this.addSql(`
      create table billing.contract_site (
        client_id uuid not null,
        id uuid not null,
        contract_id uuid not null,
        site_id uuid not null,
        covered_from date not null,
        covered_to date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, contract_id, site_id),
        foreign key (client_id, contract_id) references billing.management_contract (client_id, id),
        check (covered_to is null or covered_to >= covered_from)
      )`);
    this.addSql(`create index contract_site_id_idx on billing.contract_site (id)`);
    this.addSql(`create index contract_site_contract_idx on billing.contract_site (contract_id, site_id)`);
    for (const sql of rowLevelSecuritySql('billing.contract_site', { client: 'client_id', site: 'site_id' })) this.addSql(sql);

    // Versions: the existing schedule of a contract takes effect with the contract.
    this.addSql(`alter table billing.fee_schedule add column effective_from date`);
    this.addSql(`
      update billing.fee_schedule s set effective_from = c.effective_from
        from billing.management_contract c where c.client_id = s.client_id and c.id = s.contract_id`);
    this.addSql(`alter table billing.fee_schedule alter column effective_from set not null`);
    this.addSql(`alter table billing.fee_schedule drop constraint fee_schedule_client_id_contract_id_key`);
    this.addSql(`alter table billing.fee_schedule add constraint fee_schedule_version_key unique (client_id, contract_id, effective_from)`);
    this.addSql(`
      alter table billing.fee_schedule
        add column flat_per_chair_monthly numeric(12, 2) check (flat_per_chair_monthly is null or flat_per_chair_monthly >= 0),
        add column fixed_annual_fee numeric(12, 2) check (fixed_annual_fee is null or fixed_annual_fee >= 0),
        add column collections_floor numeric(12, 2) check (collections_floor is null or collections_floor >= 0),
        add column tiers_per_site boolean not null default false`);
    // The table-level checks were named by PostgreSQL; replace them with named ones for the new bases.
    this.addSql(`
      do $$
      declare c record;
      begin
        for c in select conname from pg_constraint
                  where conrelid = 'billing.fee_schedule'::regclass and contype = 'c'
                    and (pg_get_constraintdef(oid) like '%basis%' or pg_get_constraintdef(oid) like '%monthly_cap >= monthly_minimum%')
        loop
          execute format('alter table billing.fee_schedule drop constraint %I', c.conname);
        end loop;
      end $$`);
    this.addSql(`
      alter table billing.fee_schedule
        add constraint fee_schedule_basis_check check (basis in ('PER_TREATMENT_GRADUATED', 'PER_TREATMENT_VOLUME', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE', 'FIXED_COMPONENTS')),
        add constraint fee_schedule_percent_basis_check check (basis = 'PERCENT_OF_COLLECTIONS' or (percent is null and collections_floor is null)),
        add constraint fee_schedule_flat_site_check check (basis <> 'FLAT_PER_SITE' or flat_per_site_monthly is not null),
        add constraint fee_schedule_cap_check check (monthly_cap is null or monthly_minimum is null or monthly_cap >= monthly_minimum)`);

    this.addSql(`alter table billing.fee_tier add column therapy_class text check (therapy_class in ('ONCOLOGY', 'NON_ONCOLOGY', 'HYDRATION'))`);
    this.addSql(`alter table billing.fee_tier drop constraint fee_tier_client_id_fee_schedule_id_from_treatments_key`);
    this.addSql(`create unique index fee_tier_band_key on billing.fee_tier (client_id, fee_schedule_id, coalesce(therapy_class, ''), from_treatments)`);

    this.addSql(`
      create table billing.fee_percent_tier (
        client_id uuid not null,
        id uuid not null,
        fee_schedule_id uuid not null,
        up_to_collections numeric(14, 2) check (up_to_collections is null or up_to_collections > 0),
        percent numeric(5, 2) not null check (percent >= 0 and percent <= 100),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, fee_schedule_id) references billing.fee_schedule (client_id, id)
      )`);
    this.addSql(`create index fee_percent_tier_id_idx on billing.fee_percent_tier (id)`);
    this.addSql(`create index fee_percent_tier_schedule_idx on billing.fee_percent_tier (fee_schedule_id)`);
    for (const sql of rowLevelSecuritySql('billing.fee_percent_tier', { client: 'client_id' })) this.addSql(sql);
  }
}
