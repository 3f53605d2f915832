import { randomUUID } from 'node:crypto';
import { zonedTime } from '@infusion/demo-data';
import { sqlRows } from '@infusion/testkit';
import { platform } from '../../support/platform';
import type { Practice } from './fixtures';

/** Opens the practice's site `opens`–`closes` (minutes after local midnight) on the ISO weekdays given. */
export async function setWeeklyHours(practice: Practice, opens: number, closes: number, weekdays = [1, 2, 3, 4, 5, 6, 7]): Promise<void> {
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into facilities.site_weekly_hours (client_id, id, site_id, weekday, opens_at_minutes, closes_at_minutes)
     select $1, gen_random_uuid(), $2, d, $3, $4 from unnest($5::int[]) d`,
    [practice.clientId, practice.siteId, opens, closes, weekdays],
  );
}

export interface DayVisit {
  chair: number;
  nurse: number;
  patient: number;
  /** Local start and end, minutes after midnight on `date`. */
  from: number;
  to: number;
  status?: string;
}

/** Writes visits straight into scheduling's table (past days included, which no mutation may book). */
export async function insertVisits(practice: Practice, date: string, visits: DayVisit[]): Promise<string[]> {
  const ids = visits.map(() => randomUUID());
  for (const [i, v] of visits.entries()) {
    await sqlRows(
      platform().ownerDatabaseUrl,
      `insert into scheduling.appointment (client_id, id, site_id, chair_id, nurse_id, patient_id, order_id, starts_at, ends_at, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        practice.clientId, ids[i], practice.siteId, practice.chairIds[v.chair], practice.nurseIds[v.nurse], practice.patientIds[v.patient], practice.orderIds[v.patient],
        zonedTime(date, v.from, practice.timeZone), zonedTime(date, v.to, practice.timeZone), v.status ?? 'SCHEDULED',
      ],
    );
  }
  return ids;
}

export async function deleteWeeklyHours(practice: Practice): Promise<void> {
  await sqlRows(platform().ownerDatabaseUrl, 'delete from facilities.site_hours_exception where client_id = $1', [practice.clientId]);
  await sqlRows(platform().ownerDatabaseUrl, 'delete from facilities.site_weekly_hours where client_id = $1', [practice.clientId]);
}

/** Puts every nurse of the practice on an RN shift `from`–`to` (local minutes) on `date`. */
export async function insertShifts(practice: Practice, date: string, from: number, to: number): Promise<void> {
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into staffing.shift (client_id, id, site_id, staff_member_id, starts_at, ends_at, role)
     select $1, gen_random_uuid(), $2, n, $3, $4, 'RN' from unnest($5::uuid[]) n`,
    [practice.clientId, practice.siteId, zonedTime(date, from, practice.timeZone), zonedTime(date, to, practice.timeZone), practice.nurseIds],
  );
}

export async function deleteShifts(practice: Practice): Promise<void> {
  await sqlRows(platform().ownerDatabaseUrl, 'delete from staffing.shift where client_id = $1', [practice.clientId]);
}
