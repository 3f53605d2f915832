import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Invoices of management fees. An issued invoice is immutable (its lines are stored as priced);
 * its number comes from a per-year counter row updated in the issuing transaction, so numbers
 * never skip: a failed issue rolls its increment back, and concurrent issuers queue on the row.
 * A late treatment or collection for an invoiced period never edits that invoice: the next
 * invoice of the contract carries an ADJUSTMENT line pointing at it (`adjusts_invoice_id`).
 * The counter is the operator's (one series a year, across clients), so it carries no client_id
 * and no row-level security: it holds no client data.
 */
export class Migration20261129000003Invoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.fee_invoice_counter (
        series text not null check (series in ('INV', 'CN')),
        year integer not null check (year between 2000 and 9999),
        last_number integer not null check (last_number > 0),
        primary key (series, year)
      )`);

    this.addSql(`
      create table billing.fee_invoice (
        client_id uuid not null,
        id uuid not null,
        contract_id uuid not null,
        period_from date not null,
        period_to date not null,
        status text not null check (status in ('ISSUED', 'PAID', 'CREDITED')),
        number text not null unique,
        currency text not null,
        amount numeric(14, 2) not null,
        treatments integer not null,
        collections numeric(16, 2) not null,
        issued_at timestamptz not null,
        paid_at timestamptz,
        credited_at timestamptz,
        credit_note_number text unique,
        credit_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, contract_id) references billing.management_contract (client_id, id),
        check (period_to >= period_from)
      )`);
    this.addSql(`create index fee_invoice_id_idx on billing.fee_invoice (id)`);
    // One live invoice per contract and period; a credited one may be issued again.
    this.addSql(`create unique index fee_invoice_period_key on billing.fee_invoice (client_id, contract_id, period_from) where status <> 'CREDITED'`);
    this.addSql(`create index fee_invoice_issued_idx on billing.fee_invoice (issued_at, id)`);

    this.addSql(`
      create table billing.fee_invoice_line (
        client_id uuid not null,
        id uuid not null,
        invoice_id uuid not null,
        position integer not null,
        kind text not null,
        description text not null,
        line_from date not null,
        line_to date not null,
        counted_from date not null,
        schedule_version_id uuid,
        adjusts_invoice_id uuid,
        from_treatments integer,
        to_treatments integer,
        therapy_class text,
        tier_site_id uuid,
        classes text[],
        ordinal_first integer,
        ordinal_last integer,
        treatments integer,
        sites integer,
        collections numeric(16, 2),
        rate text not null,
        amount numeric(14, 2) not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, invoice_id, position),
        foreign key (client_id, invoice_id) references billing.fee_invoice (client_id, id)
      )`);
    this.addSql(`create index fee_invoice_line_id_idx on billing.fee_invoice_line (id)`);
    this.addSql(`create index fee_invoice_line_invoice_idx on billing.fee_invoice_line (invoice_id, position)`);
    this.addSql(`create index fee_invoice_line_adjusts_idx on billing.fee_invoice_line (adjusts_invoice_id) where adjusts_invoice_id is not null`);

    for (const table of ['fee_invoice', 'fee_invoice_line']) {
      for (const sql of rowLevelSecuritySql(`billing.${table}`, { client: 'client_id' })) this.addSql(sql);
    }
  }
}
