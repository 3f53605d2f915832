import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/** A soft booking rule ops overrode, with their reason: kept with the visit for audit and claims follow-up. */
export class Migration20261129000005BookingOverrides extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table scheduling.booking_override (
        client_id uuid not null,
        id uuid not null,
        appointment_id uuid not null,
        site_id uuid not null,
        rule_code text not null,
        detail text not null,
        reason text not null check (length(trim(reason)) > 0),
        overridden_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, appointment_id, rule_code),
        foreign key (client_id, appointment_id, site_id) references scheduling.appointment (client_id, id, site_id) on update cascade
      )`);
    this.addSql(`create index booking_override_id_idx on scheduling.booking_override (id)`);
    this.addSql(`create index booking_override_appointment_idx on scheduling.booking_override (appointment_id)`);
    this.addSql(`create index booking_override_site_idx on scheduling.booking_override (site_id)`);
    for (const sql of rowLevelSecuritySql('scheduling.booking_override', { client: 'client_id', site: 'site_id' })) this.addSql(sql);
  }
}
