import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Billing's own ledgers of what fees count, so fees never read another subgraph's tables:
 * billable treatments (one row per completed administration, from AdministrationCompleted) and
 * collections (posted, imported, later remitted). Each has a daily rollup per client and site,
 * updated in the same statement as the ledger row it counts, so a fee report reads the rollups
 * and costs the same however long the ledger grows.
 */
export class Migration20261129000002VolumeLedger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.treatment (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        service_date date not null,
        therapy_class text not null check (therapy_class in ('ONCOLOGY', 'NON_ONCOLOGY', 'HYDRATION')),
        line_kind text not null,
        indication_family text not null,
        payer_id uuid references billing.payer (id),
        patient_id uuid not null,
        order_id uuid not null,
        product_id uuid not null,
        appointment_id uuid not null,
        completed_at timestamptz not null,
        event_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id)
      )`);
    this.addSql(`create index treatment_id_idx on billing.treatment (id)`);
    // Drill-down from an invoice line: a client's treatments of a period, in a stable order.
    this.addSql(`create index treatment_client_date_idx on billing.treatment (client_id, service_date, id)`);
    // Late events: what was recorded after an invoice was issued.
    this.addSql(`create index treatment_client_created_idx on billing.treatment (client_id, created_at)`);

    this.addSql(`
      create table billing.treatment_day (
        client_id uuid not null,
        site_id uuid not null,
        service_date date not null,
        therapy_class text not null,
        treatments integer not null check (treatments >= 0),
        primary key (client_id, site_id, service_date, therapy_class)
      )`);
    this.addSql(`create index treatment_day_client_date_idx on billing.treatment_day (client_id, service_date)`);
    this.addSql(`create index treatment_day_date_idx on billing.treatment_day (service_date)`);

    this.addSql(`
      create table billing.collection (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        received_on date not null,
        amount numeric(14, 2) not null check (amount > 0),
        source text not null check (source in ('MANUAL', 'CSV_IMPORT', 'REMITTANCE')),
        reference text check (reference is null or length(reference) <= 200),
        import_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id)
      )`);
    this.addSql(`create index collection_id_idx on billing.collection (id)`);
    this.addSql(`create index collection_client_date_idx on billing.collection (client_id, received_on, id)`);
    this.addSql(`create index collection_import_idx on billing.collection (import_id) where import_id is not null`);

    this.addSql(`
      create table billing.collection_day (
        client_id uuid not null,
        site_id uuid not null,
        received_on date not null,
        amount numeric(16, 2) not null,
        primary key (client_id, site_id, received_on)
      )`);
    this.addSql(`create index collection_day_date_idx on billing.collection_day (received_on)`);

    for (const table of ['treatment', 'treatment_day', 'collection', 'collection_day']) {
      for (const sql of rowLevelSecuritySql(`billing.${table}`, { client: 'client_id', site: 'site_id' })) this.addSql(sql);
    }
  }
}
