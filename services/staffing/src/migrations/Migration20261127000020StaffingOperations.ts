import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Staffing becomes writable (issue 10): medical assistants; employment (agency and contract staff
 * with their agency) and an hourly cost for every staff member, for labour cost; the role worked on
 * a shift; time off; and supervising-provider coverage blocks. Rows written before get an hourly
 * cost by role and their member's role on their shifts.
 */
export class Migration20261127000020StaffingOperations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table staffing.staff_member drop constraint staff_member_role_check`);
    this.addSql(`alter table staffing.staff_member add constraint staff_member_role_check
      check (role in ('RN', 'LPN', 'MEDICAL_ASSISTANT', 'NP', 'PA', 'PHYSICIAN', 'PHARMACIST', 'TECHNICIAN', 'COORDINATOR'))`);
    this.addSql(`alter table staffing.staff_member
      add column employment text not null default 'EMPLOYEE' check (employment in ('EMPLOYEE', 'AGENCY', 'CONTRACT')),
      add column agency_name text check (agency_name is null or length(trim(agency_name)) between 1 and 200),
      add column hourly_cost numeric(8, 2) check (hourly_cost > 0 and hourly_cost <= 5000)`);
    // Agency staff are billed by their agency, so the agency is named; employees have none.
    this.addSql(`alter table staffing.staff_member add constraint staff_member_agency_named
      check ((employment = 'AGENCY') = (agency_name is not null) or (employment = 'CONTRACT'))`);
    // What a role typically costs an hour, for rows written before there was a cost and for rows
    // written without one by tools that predate it (a column default cannot depend on the role).
    this.addSql(`create function staffing.typical_hourly_cost(role text) returns numeric language sql immutable as $$
      select case role when 'PHYSICIAN' then 165 when 'NP' then 78 when 'PA' then 74 when 'RN' then 52 when 'LPN' then 34
        when 'PHARMACIST' then 72 when 'MEDICAL_ASSISTANT' then 22 when 'TECHNICIAN' then 28 else 30 end::numeric(8, 2) $$`);
    this.addSql(`update staffing.staff_member set hourly_cost = staffing.typical_hourly_cost(role)`);
    this.addSql(`alter table staffing.staff_member alter column hourly_cost set not null`);
    this.addSql(`create function staffing.staff_member_default_cost() returns trigger language plpgsql as $$
      begin
        if new.hourly_cost is null then new.hourly_cost := staffing.typical_hourly_cost(new.role); end if;
        return new;
      end $$`);
    this.addSql(`create trigger staff_member_default_cost before insert on staffing.staff_member
      for each row execute function staffing.staff_member_default_cost()`);

    this.addSql(`alter table staffing.shift add column role text`);
    this.addSql(`update staffing.shift s set role = m.role from staffing.staff_member m where m.client_id = s.client_id and m.id = s.staff_member_id`);
    this.addSql(`alter table staffing.shift alter column role set not null`);
    this.addSql(`alter table staffing.shift add constraint shift_role_check
      check (role in ('RN', 'LPN', 'MEDICAL_ASSISTANT', 'NP', 'PA', 'PHYSICIAN', 'PHARMACIST', 'TECHNICIAN', 'COORDINATOR'))`);

    this.addSql(`
      create table staffing.time_off (
        client_id uuid not null,
        id uuid not null,
        staff_member_id uuid not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        reason text check (reason is null or length(reason) <= 500),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        constraint time_off_ends_after_start check (ends_at > starts_at),
        constraint time_off_at_most_a_year check (ends_at - starts_at <= interval '367 days'),
        foreign key (client_id, staff_member_id) references staffing.staff_member (client_id, id),
        -- One period of leave at a time: overlapping requests are one request, extended.
        constraint time_off_no_overlap exclude using gist (
          client_id with =, staff_member_id with =, tstzrange(starts_at, ends_at) with &&
        )
      )`);
    this.addSql(`create index time_off_id_idx on staffing.time_off (id)`);

    this.addSql(`
      create table staffing.supervision_coverage (
        client_id uuid not null,
        id uuid not null,
        site_id uuid not null,
        provider_id uuid not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (client_id, id),
        constraint supervision_coverage_ends_after_start check (ends_at > starts_at),
        constraint supervision_coverage_at_most_a_day check (ends_at - starts_at <= interval '24 hours'),
        foreign key (client_id, provider_id) references staffing.staff_member (client_id, id),
        -- Direct supervision means being in the office suite: one provider, one site at a time.
        constraint supervision_coverage_provider_no_overlap exclude using gist (
          client_id with =, provider_id with =, tstzrange(starts_at, ends_at) with &&
        )
      )`);
    this.addSql(`create index supervision_coverage_id_idx on staffing.supervision_coverage (id)`);
    this.addSql(`create index supervision_coverage_site_time_idx on staffing.supervision_coverage (site_id, starts_at)`);
    this.addSql(`create index license_expiry_idx on staffing.license (expires_on)`);
    this.addSql(`create index competency_expiry_idx on staffing.competency (expires_on)`);

    const rls = [
      ...rowLevelSecuritySql('staffing.time_off', { client: 'client_id' }),
      ...rowLevelSecuritySql('staffing.supervision_coverage', { client: 'client_id', site: 'site_id' }),
    ];
    for (const sql of rls) this.addSql(sql);
  }
}
