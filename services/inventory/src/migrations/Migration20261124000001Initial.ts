import { Migration } from '@mikro-orm/migrations';

/**
 * The product catalogue is global (one row per NDC, shared by every client). Lots, their stock
 * ledger and par levels are tenant tables keyed on (client_id, id), with client_id in every
 * foreign key between them so the tables can be distributed by client later. Sites, patients and
 * administrations live in other subgraphs: their ids are plain uuid columns.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table inventory.product (
        id uuid primary key,
        ndc text not null unique check (ndc ~ '^[0-9]{5}-[0-9]{4}-[0-9]{2}$'),
        name text not null check (length(trim(name)) > 0),
        generic_name text not null check (length(trim(generic_name)) > 0),
        kind text not null check (kind in ('DRUG', 'SUPPLY')),
        hcpcs_code varchar(5) check (hcpcs_code ~ '^[A-V][0-9]{4}$'),
        hcpcs_unit_amount numeric(12,3) check (hcpcs_unit_amount > 0),
        dose_unit text not null check (dose_unit in ('MG', 'ML', 'EACH')),
        package_amount numeric(12,3) not null check (package_amount > 0),
        ndc_unit text not null check (ndc_unit in ('UN', 'ML', 'GR', 'F2')),
        container text not null check (container in ('SINGLE_DOSE', 'MULTI_DOSE', 'NOT_APPLICABLE')),
        storage text not null check (storage in ('REFRIGERATED', 'FROZEN', 'CONTROLLED_ROOM')),
        required_competency text,
        max_units_per_day integer check (max_units_per_day > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        -- A billing unit means nothing without its code, and a code cannot be billed without its unit size.
        check ((hcpcs_code is null) = (hcpcs_unit_amount is null)),
        -- Drugs come in single- or multi-dose containers (JW/JZ depend on it).
        check (kind <> 'DRUG' or container in ('SINGLE_DOSE', 'MULTI_DOSE'))
      )`);
    this.addSql(`create index product_name_idx on inventory.product (name, id)`);
    this.addSql(`create index product_hcpcs_idx on inventory.product (hcpcs_code)`);

    this.addSql(`
      create table inventory.lot (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        product_id uuid not null references inventory.product (id),
        lot_number text not null check (length(trim(lot_number)) > 0),
        expires_on date not null,
        received_on date not null,
        quantity_received integer not null check (quantity_received > 0),
        quantity_on_hand integer not null check (quantity_on_hand >= 0),
        acquisition text not null check (acquisition in ('BUY_AND_BILL', 'WHITE_BAGGED', 'BROWN_BAGGED', 'FREE_DRUG_PROGRAM')),
        patient_id uuid,
        unit_cost numeric(12,2) not null check (unit_cost >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, product_id, lot_number),
        -- Lets the stock ledger name the lot's site in its foreign key.
        unique (client_id, site_id, id),
        check (expires_on > received_on),
        -- A white-bagged lot is shipped by the payer's pharmacy for one patient (DOMAIN.md).
        check (acquisition <> 'WHITE_BAGGED' or patient_id is not null)
      )`);
    this.addSql(`create index lot_id_idx on inventory.lot (id)`);
    this.addSql(`create index lot_site_product_idx on inventory.lot (site_id, product_id, expires_on)`);
    this.addSql(`create index lot_product_idx on inventory.lot (product_id, expires_on)`);
    this.addSql(`create index lot_expires_idx on inventory.lot (expires_on, id)`);

    this.addSql(`
      create table inventory.stock_movement (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        lot_id uuid not null,
        kind text not null check (kind in ('RECEIPT', 'DISPENSE', 'WASTE', 'ADJUSTMENT', 'TRANSFER')),
        quantity integer not null check (quantity <> 0),
        occurred_at timestamptz not null,
        administration_id uuid,
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, site_id, lot_id) references inventory.lot (client_id, site_id, id),
        -- Replaying an administration (at-least-once delivery) cannot dispense twice.
        unique (client_id, administration_id, lot_id, kind),
        check (kind <> 'RECEIPT' or quantity > 0),
        check (kind not in ('DISPENSE', 'WASTE') or quantity < 0),
        check (administration_id is null or kind in ('DISPENSE', 'WASTE'))
      )`);
    this.addSql(`create index stock_movement_id_idx on inventory.stock_movement (id)`);
    this.addSql(`create index stock_movement_lot_idx on inventory.stock_movement (lot_id, occurred_at)`);

    this.addSql(`
      create table inventory.par_level (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        product_id uuid not null references inventory.product (id),
        minimum integer not null check (minimum >= 0),
        target integer not null check (target > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, site_id, product_id),
        check (target >= minimum)
      )`);
    this.addSql(`create index par_level_id_idx on inventory.par_level (id)`);
    this.addSql(`create index par_level_site_idx on inventory.par_level (site_id)`);
  }
}
