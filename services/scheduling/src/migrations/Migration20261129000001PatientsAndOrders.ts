import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Patients as a practice registers them (language, guardian, allergies, preparation notes, a
 * weight history) and orders as a referral states them (external referring provider, dose basis,
 * claim-coding families, induction schedule, windows, chair-time parts).
 */
export class Migration20261129000001PatientsAndOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table scheduling.patient
        add column preferred_language text check (preferred_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
        add column guardian_name text,
        add column guardian_relationship text,
        add column guardian_phone text,
        add column allergies text[] not null default '{}',
        add column preparation_notes text,
        add column version integer not null default 1,
        add constraint patient_guardian_complete check (
          (guardian_name is null and guardian_relationship is null and guardian_phone is null)
          or (guardian_name is not null and guardian_relationship is not null and guardian_phone is not null))`);

    // Every weighing, so a weight-based dose can say which weight it used; the patient's weight_kg
    // stays the latest one. Site column follows the patient's home site (site limits).
    this.addSql(`
      create table scheduling.patient_weight (
        client_id uuid not null,
        id uuid not null,
        patient_id uuid not null,
        site_id uuid not null,
        weight_kg numeric(5,1) not null check (weight_kg > 0 and weight_kg < 700),
        measured_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, patient_id, site_id) references scheduling.patient (client_id, id, site_id) on update cascade
      )`);
    this.addSql(`create index patient_weight_id_idx on scheduling.patient_weight (id)`);
    this.addSql(`create index patient_weight_patient_idx on scheduling.patient_weight (patient_id, measured_on desc)`);
    this.addSql(`create index patient_weight_site_idx on scheduling.patient_weight (site_id)`);
    for (const sql of rowLevelSecuritySql('scheduling.patient_weight', { client: 'client_id', site: 'site_id' })) this.addSql(sql);
    this.addSql(`
      insert into scheduling.patient_weight (client_id, id, patient_id, site_id, weight_kg, measured_on)
      select client_id, gen_random_uuid(), id, site_id, weight_kg, created_at::date from scheduling.patient`);

    this.addSql(`
      alter table scheduling.therapy_order
        alter column prescriber_id drop not null,
        alter column interval_weeks drop not null,
        add column referring_provider_name text,
        add column referring_provider_npi text check (referring_provider_npi ~ '^[0-9]{10}$'),
        add column dose_basis text not null default 'FIXED' check (dose_basis in ('FIXED', 'PER_KG')),
        add column dose_per_kg numeric(10,3) check (dose_per_kg > 0),
        add column weight_kg_used numeric(5,1),
        add column induction_dose_amount numeric(12,3) check (induction_dose_amount > 0),
        add column indication_family text not null default 'NON_ONCOLOGY' check (indication_family in ('ONCOLOGY', 'NON_ONCOLOGY')),
        add column line_kind text not null default 'THERAPEUTIC' check (line_kind in ('THERAPEUTIC', 'HYDRATION', 'CHEMOTHERAPY', 'PUSH')),
        add column induction_days integer[] not null default '{}',
        add column first_maintenance_day integer check (first_maintenance_day >= 0),
        add column induction_window_days integer not null default 3 check (induction_window_days between 0 and 60),
        add column maintenance_window_days integer not null default 7 check (maintenance_window_days between 0 and 60),
        add column premed_minutes integer not null default 0 check (premed_minutes between 0 and 240),
        add column infusion_minutes integer,
        add column observation_minutes integer not null default 0 check (observation_minutes between 0 and 480),
        add column extended_first_doses integer not null default 0 check (extended_first_doses >= 0),
        add column first_dose_extra_minutes integer not null default 0 check (first_dose_extra_minutes between 0 and 240),
        add column rems_program text`);
    // Orders written before: all maintenance, due every interval from their start.
    this.addSql(`update scheduling.therapy_order set infusion_minutes = chair_minutes, first_maintenance_day = 0`);
    this.addSql(`
      alter table scheduling.therapy_order
        alter column infusion_minutes set not null,
        add constraint therapy_order_infusion_minutes check (infusion_minutes between 1 and 720),
        -- Chair time is premedication + infusion + observation, by definition.
        add constraint therapy_order_chair_minutes check (chair_minutes = premed_minutes + infusion_minutes + observation_minutes),
        -- A referral names who ordered it: one of our providers or an external referring provider.
        add constraint therapy_order_prescribed check (prescriber_id is not null or (referring_provider_name is not null and referring_provider_npi is not null)),
        add constraint therapy_order_weight_based check ((dose_basis = 'PER_KG') = (dose_per_kg is not null and weight_kg_used is not null)),
        -- Maintenance doses need an interval; an induction-only course (iron sucrose) has neither.
        add constraint therapy_order_maintenance check ((first_maintenance_day is null) = (interval_weeks is null))`);
  }
}
