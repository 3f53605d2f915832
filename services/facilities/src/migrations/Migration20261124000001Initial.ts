import { Migration } from '@mikro-orm/migrations';

/**
 * Tenant tables key on (client_id, id) and reference each other with client_id in the foreign
 * key, so a row can never point at another client's row and the tables can be distributed by
 * client later. A plain index on id serves look-ups by id.
 */
export class Migration20261124000001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table facilities.client (
        id uuid primary key,
        name text not null unique check (length(trim(name)) > 0),
        kind text not null check (kind in ('PHYSICIAN_PRACTICE', 'NP_CLINIC', 'HOSPITAL')),
        specialty text not null,
        state char(2) not null check (state ~ '^[A-Z]{2}$'),
        tax_id text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table facilities.site (
        client_id uuid not null references facilities.client (id),
        id uuid not null,
        name text not null check (length(trim(name)) > 0),
        kind text not null check (kind in ('OFFICE', 'HOPD_ON_CAMPUS', 'HOPD_OFF_CAMPUS', 'PHARMACY_AIS', 'STANDALONE_AIC', 'HOME')),
        place_of_service varchar(2) not null check (place_of_service in ('11', '12', '19', '22', '49')),
        claim_form text not null check (claim_form in ('PROFESSIONAL', 'INSTITUTIONAL')),
        supervision text not null check (supervision in ('DIRECT', 'GENERAL', 'NONE')),
        time_zone text not null,
        street text not null,
        city text not null,
        state char(2) not null check (state ~ '^[A-Z]{2}$'),
        postal_code text not null,
        opens_at_minutes integer not null check (opens_at_minutes between 0 and 1440),
        closes_at_minutes integer not null check (closes_at_minutes between 0 and 1440),
        chairs_per_nurse double precision not null default 3 check (chairs_per_nurse > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, name),
        check (closes_at_minutes > opens_at_minutes)
      )`);
    this.addSql(`create index site_id_idx on facilities.site (id)`);
    this.addSql(`
      create table facilities.chair (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        label text not null check (length(trim(label)) > 0),
        private_room boolean not null default false,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, site_id, label),
        foreign key (client_id, site_id) references facilities.site (client_id, id)
      )`);
    this.addSql(`create index chair_id_idx on facilities.chair (id)`);
    this.addSql(`create index chair_site_idx on facilities.chair (site_id)`);
    this.addSql(`
      create table facilities.equipment (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        kind text not null,
        model text not null,
        serial_number text not null,
        next_service_due date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        unique (client_id, serial_number),
        foreign key (client_id, site_id) references facilities.site (client_id, id)
      )`);
    this.addSql(`create index equipment_id_idx on facilities.equipment (id)`);
    this.addSql(`create index equipment_site_idx on facilities.equipment (site_id)`);
    this.addSql(`
      create table facilities.certification (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        kind text not null,
        issuer text not null,
        issued_on date not null,
        expires_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        check (expires_on > issued_on),
        foreign key (client_id, site_id) references facilities.site (client_id, id)
      )`);
    this.addSql(`create index certification_id_idx on facilities.certification (id)`);
    this.addSql(`create index certification_site_idx on facilities.certification (site_id)`);
  }
}
