import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * The administration record of a visit: per drug line its IV site, pauses (which shorten the coded
 * time) and line kind; per visit the IV sites with their start and stop, vitals and reactions. The
 * visit's notes are documents read whole, so they are JSON checked on the way in.
 */
export class Migration20261129000004AdministrationRecord extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table scheduling.administration
        add column iv_site text,
        add column line_kind text check (line_kind in ('THERAPEUTIC', 'HYDRATION', 'CHEMOTHERAPY', 'PUSH')),
        add column pauses jsonb not null default '[]',
        add column paused_minutes integer not null default 0 check (paused_minutes >= 0)`);
    this.addSql(`
      create table scheduling.visit_record (
        client_id uuid not null,
        id uuid not null,
        appointment_id uuid not null,
        site_id uuid not null,
        iv_sites jsonb not null default '[]',
        vitals jsonb not null default '[]',
        reactions jsonb not null default '[]',
        completed_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        -- One record per visit.
        unique (client_id, appointment_id),
        foreign key (client_id, appointment_id, site_id) references scheduling.appointment (client_id, id, site_id) on update cascade
      )`);
    this.addSql(`create index visit_record_id_idx on scheduling.visit_record (id)`);
    this.addSql(`create index visit_record_site_idx on scheduling.visit_record (site_id)`);
    for (const sql of rowLevelSecuritySql('scheduling.visit_record', { client: 'client_id', site: 'site_id' })) this.addSql(sql);
  }
}
