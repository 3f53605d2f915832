import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Facilities becomes writable (issue 10): a client's lifecycle and identifiers, sites that open and
 * close, weekly opening hours with dated exceptions (replacing the one open/close pair per site),
 * REMS enrolments, equipment status with a maintenance history. Every new table is a tenant table
 * keyed on (client_id, id) with row-level security on its client and site.
 */
export class Migration20261129000001SiteOperations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table facilities.client
        add column legal_name text,
        add column npi text check (npi ~ '^[0-9]{10}$'),
        add column status text not null default 'ACTIVE' check (status in ('ONBOARDING', 'ACTIVE', 'OFFBOARDING', 'ENDED')),
        add column version integer not null default 1`);
    this.addSql(`update facilities.client set legal_name = name`);
    this.addSql(`alter table facilities.client alter column legal_name set not null, add constraint client_legal_name_check check (length(trim(legal_name)) > 0)`);
    this.addSql(`alter table facilities.client add constraint client_tax_id_check check (tax_id ~ '^[0-9]{2}-[0-9]{7}$') not valid`);

    this.addSql(`
      alter table facilities.site
        add column status text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
        add column closed_at timestamptz,
        add column close_reason text,
        add column supervision_override_reason text,
        add column version integer not null default 1,
        add constraint site_closed_check check ((status = 'CLOSED') = (closed_at is not null) and (closed_at is null) = (close_reason is null))`);

    this.addSql(`
      create table facilities.site_weekly_hours (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        weekday smallint not null check (weekday between 1 and 7),
        opens_at_minutes integer not null check (opens_at_minutes between 0 and 1439),
        closes_at_minutes integer not null check (closes_at_minutes between 1 and 1440),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, site_id, weekday),
        check (closes_at_minutes > opens_at_minutes),
        foreign key (client_id, site_id) references facilities.site (client_id, id) on delete cascade
      )`);
    // The single open/close pair applied to every day alike; it becomes seven equal weekdays.
    this.addSql(`
      insert into facilities.site_weekly_hours (client_id, id, site_id, weekday, opens_at_minutes, closes_at_minutes)
      select s.client_id, gen_random_uuid(), s.id, d, s.opens_at_minutes, s.closes_at_minutes
      from facilities.site s cross join generate_series(1, 7) d`);
    this.addSql(`alter table facilities.site drop column opens_at_minutes, drop column closes_at_minutes`);

    this.addSql(`
      create table facilities.site_hours_exception (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        date date not null,
        closed boolean not null,
        opens_at_minutes integer check (opens_at_minutes between 0 and 1439),
        closes_at_minutes integer check (closes_at_minutes between 1 and 1440),
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, site_id, date),
        check ((closed and opens_at_minutes is null and closes_at_minutes is null)
            or (not closed and opens_at_minutes is not null and closes_at_minutes > opens_at_minutes)),
        foreign key (client_id, site_id) references facilities.site (client_id, id) on delete cascade
      )`);
    this.addSql(`create index site_hours_exception_site_date_idx on facilities.site_hours_exception (site_id, date)`);

    this.addSql(`
      create table facilities.rems_enrolment (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        programme text not null,
        enrolment_number text,
        enrolled_on date not null,
        expires_on date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, site_id, programme),
        check (expires_on is null or expires_on > enrolled_on),
        foreign key (client_id, site_id) references facilities.site (client_id, id) on delete cascade
      )`);
    this.addSql(`create index rems_enrolment_id_idx on facilities.rems_enrolment (id)`);
    this.addSql(`create index rems_enrolment_site_idx on facilities.rems_enrolment (site_id)`);

    this.addSql(`
      alter table facilities.equipment
        add column status text not null default 'IN_SERVICE' check (status in ('IN_SERVICE', 'OUT_OF_SERVICE', 'RETIRED')),
        add column service_interval_days integer not null default 365 check (service_interval_days between 1 and 3650),
        add column version integer not null default 1`);
    this.addSql(`
      create table facilities.equipment_service (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        equipment_id uuid not null,
        serviced_on date not null,
        kind text not null check (kind in ('PREVENTIVE', 'REPAIR', 'CALIBRATION', 'INSPECTION')),
        performed_by text not null check (length(trim(performed_by)) > 0),
        notes text,
        next_service_due date not null check (next_service_due > serviced_on),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        foreign key (client_id, equipment_id) references facilities.equipment (client_id, id) on delete cascade,
        foreign key (client_id, site_id) references facilities.site (client_id, id) on delete cascade
      )`);
    this.addSql(`create index equipment_service_equipment_idx on facilities.equipment_service (equipment_id, serviced_on desc)`);

    for (const table of ['site_weekly_hours', 'site_hours_exception', 'rems_enrolment', 'equipment_service']) {
      for (const sql of rowLevelSecuritySql(`facilities.${table}`, { client: 'client_id', site: 'site_id' })) this.addSql(sql);
    }
  }
}
