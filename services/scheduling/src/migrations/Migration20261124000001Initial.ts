import { Migration } from '@mikro-orm/migrations';

/**
 * Tenant tables key on (client_id, id) and reference each other with client_id in the foreign
 * key, so a row can never point at another client's row and the tables can be distributed by
 * client later. Sites, chairs, staff, products and lots live in other subgraphs: their ids are
 * plain uuid columns here.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    // btree_gist lets one GiST index mix equality (client, chair) with range overlap (time).
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(`
      create table scheduling.patient (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        mrn text not null check (length(trim(mrn)) > 0),
        first_name text not null check (length(trim(first_name)) > 0),
        last_name text not null check (length(trim(last_name)) > 0),
        date_of_birth date not null check (date_of_birth > date '1900-01-01'),
        sex char(1) not null check (sex in ('F', 'M', 'X', 'U')),
        weight_kg numeric(5,1) not null check (weight_kg > 0 and weight_kg < 700),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, mrn)
      )`);
    this.addSql(`create index patient_id_idx on scheduling.patient (id)`);
    this.addSql(`create index patient_site_idx on scheduling.patient (site_id)`);
    this.addSql(`create index patient_name_idx on scheduling.patient (client_id, last_name, id)`);
    this.addSql(`
      create table scheduling.therapy_order (
        client_id uuid not null,
        id uuid not null,
        patient_id uuid not null,
        product_id uuid not null,
        prescriber_id uuid not null,
        regimen text not null check (length(trim(regimen)) > 0),
        dose_amount numeric(12,3) not null check (dose_amount > 0),
        dose_unit text not null check (dose_unit in ('MG', 'ML', 'EACH')),
        interval_weeks integer not null check (interval_weeks > 0),
        doses_planned integer not null check (doses_planned > 0),
        -- ICD-10-CM: letter, digit, digit or letter, then optionally a dot and up to four more.
        diagnosis_code text not null check (diagnosis_code ~ '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$'),
        indication text not null check (length(trim(indication)) > 0),
        chair_minutes integer not null check (chair_minutes > 0),
        starts_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- Lets an appointment's foreign key prove its order is for its patient.
        unique (client_id, id, patient_id),
        foreign key (client_id, patient_id) references scheduling.patient (client_id, id)
      )`);
    this.addSql(`create index therapy_order_id_idx on scheduling.therapy_order (id)`);
    this.addSql(`create index therapy_order_patient_idx on scheduling.therapy_order (patient_id)`);
    this.addSql(`
      create table scheduling.appointment (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        chair_id uuid not null,
        nurse_id uuid not null,
        patient_id uuid not null,
        order_id uuid not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        status text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
        cancel_reason text,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        constraint appointment_ends_after_start check (ends_at > starts_at),
        constraint appointment_cancel_reason check (status = 'CANCELLED' or cancel_reason is null),
        foreign key (client_id, patient_id) references scheduling.patient (client_id, id),
        foreign key (client_id, order_id, patient_id) references scheduling.therapy_order (client_id, id, patient_id),
        -- No two chair-holding appointments overlap in one chair; half-open ranges allow back to back.
        constraint appointment_chair_no_overlap exclude using gist (
          client_id with =, chair_id with =, tstzrange(starts_at, ends_at) with &&
        ) where (status not in ('CANCELLED', 'NO_SHOW'))
      )`);
    this.addSql(`create index appointment_id_idx on scheduling.appointment (id)`);
    this.addSql(`create index appointment_site_time_idx on scheduling.appointment (site_id, starts_at)`);
    this.addSql(`create index appointment_nurse_time_idx on scheduling.appointment (nurse_id, starts_at)`);
    this.addSql(`create index appointment_patient_time_idx on scheduling.appointment (patient_id, starts_at)`);
    this.addSql(`create index appointment_chair_time_idx on scheduling.appointment (chair_id, starts_at)`);
    this.addSql(`create index appointment_order_time_idx on scheduling.appointment (order_id, starts_at)`);
    this.addSql(`
      create table scheduling.administration (
        client_id uuid not null,
        id uuid not null,
        appointment_id uuid not null,
        lot_id uuid not null,
        product_id uuid not null,
        amount_given numeric(12,3) not null check (amount_given > 0),
        amount_wasted numeric(12,3) not null check (amount_wasted >= 0),
        vials_opened integer not null check (vials_opened > 0),
        started_at timestamptz not null,
        ended_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- A subcutaneous injection recorded to the minute can start and stop in the same minute.
        constraint administration_ends_after_start check (ended_at >= started_at),
        foreign key (client_id, appointment_id) references scheduling.appointment (client_id, id)
      )`);
    this.addSql(`create index administration_id_idx on scheduling.administration (id)`);
    this.addSql(`create index administration_appointment_idx on scheduling.administration (appointment_id)`);
    this.addSql(`create index administration_lot_idx on scheduling.administration (lot_id)`);
  }
}
