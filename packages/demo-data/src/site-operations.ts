import { Faker, en } from '@faker-js/faker';
import { npiFrom } from '@infusion/domain-codes';
import { addDays, weekday } from './time';

/**
 * How the demo sites are run (facilities, issue 10): weekly hours, a holiday and a short day,
 * REMS enrolments, maintenance history, and the few things that need attention (a certification
 * about to expire, a pump overdue for maintenance). Made after the rest of the world, with ids from
 * a Faker of its own, so adding it changed no id, name or booking the other subgraphs seed.
 */

export interface WorldWeeklyHours { id: string; clientId: string; siteId: string; weekday: number; opensAtMinutes: number; closesAtMinutes: number }
export interface WorldHoursException { id: string; clientId: string; siteId: string; date: string; closed: boolean; opensAtMinutes: number | null; closesAtMinutes: number | null; note: string }
export interface WorldRemsEnrolment { id: string; clientId: string; siteId: string; programme: string; enrolmentNumber: string; enrolledOn: string; expiresOn: string | null }
export interface WorldMaintenance { id: string; clientId: string; siteId: string; equipmentId: string; servicedOn: string; kind: 'PREVENTIVE'; performedBy: string; notes: string | null; nextServiceDue: string }

export interface SiteOperations {
  weeklyHours: WorldWeeklyHours[];
  hoursExceptions: WorldHoursException[];
  remsEnrolments: WorldRemsEnrolment[];
  maintenance: WorldMaintenance[];
}

interface OperatedWorld {
  seed: number;
  anchorDate: string;
  clients: { id: string; kind: string }[];
  sites: { id: string; clientId: string; kind: string; opensAtMinutes: number; closesAtMinutes: number }[];
  equipment: { id: string; clientId: string; siteId: string; nextServiceDue: string }[];
  certifications: { id: string; clientId: string; siteId: string; kind: string; issuer: string; issuedOn: string; expiresOn: string }[];
  orders: { clientId: string; regimen: string }[];
}

/** Days of the booked demo schedule ahead of the anchor; exceptions fall after it, so no seeded visit lands on a closed day. */
const SCHEDULED_DAYS_AHEAD = 28;

/** US holidays an infusion centre closes for, as (name, date) for a year. */
function holidaysOf(year: number): [string, string][] {
  const nthWeekday = (month: number, dow: number, n: number) => {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return new Date(Date.UTC(year, month - 1, 1 + ((dow - first + 7) % 7) + (n - 1) * 7)).toISOString().slice(0, 10);
  };
  const lastMonday = (month: number) => {
    const last = new Date(Date.UTC(year, month, 0));
    return new Date(Date.UTC(year, month - 1, last.getUTCDate() - ((last.getUTCDay() + 6) % 7))).toISOString().slice(0, 10);
  };
  return [
    ["New Year's Day", `${year}-01-01`],
    ['Memorial Day', lastMonday(5)],
    ['Independence Day', `${year}-07-04`],
    ['Labor Day', nthWeekday(9, 1, 1)],
    ['Thanksgiving', nthWeekday(11, 4, 4)],
    ['Christmas Day', `${year}-12-25`],
  ];
}

/** The first weekday holiday after the booked schedule, with the weekday before it. */
export function nextClosures(anchorDate: string): { holiday: [string, string]; shortDay: string | null } {
  const after = addDays(anchorDate, SCHEDULED_DAYS_AHEAD);
  const year = Number(anchorDate.slice(0, 4));
  const holiday = [...holidaysOf(year), ...holidaysOf(year + 1)].find(([, date]) => date > after && ![0, 6].includes(weekday(date)))!;
  const before = addDays(holiday[1], -1);
  return { holiday, shortDay: before > after && ![0, 6].includes(weekday(before)) ? before : null };
}

/** A client's organisation NPI and legal name, derived from its place in the world (no randomness). */
export function clientIdentity(index: number, name: string, kind: string): { legalName: string; npi: string } {
  return { legalName: `${name}, ${kind === 'HOSPITAL' ? 'Inc.' : kind === 'NP_CLINIC' ? 'PLLC' : 'S.C.'}`, npi: npiFrom(String(161_200_000 + index * 7_919)) };
}

export function operateSites(w: OperatedWorld): SiteOperations {
  const f = new Faker({ locale: [en] });
  f.seed(w.seed + 10_007);
  const id = () => f.string.uuid();
  const ops: SiteOperations = { weeklyHours: [], hoursExceptions: [], remsEnrolments: [], maintenance: [] };
  const { holiday, shortDay } = nextClosures(w.anchorDate);

  for (const site of w.sites) {
    // Monday to Friday at the hours the schedule was booked in; the hospital's main campus also opens Saturday mornings.
    for (const day of [1, 2, 3, 4, 5]) ops.weeklyHours.push({ id: id(), clientId: site.clientId, siteId: site.id, weekday: day, opensAtMinutes: site.opensAtMinutes, closesAtMinutes: site.closesAtMinutes });
    if (site.kind === 'HOPD_ON_CAMPUS') ops.weeklyHours.push({ id: id(), clientId: site.clientId, siteId: site.id, weekday: 6, opensAtMinutes: 8 * 60, closesAtMinutes: 13 * 60 });
    ops.hoursExceptions.push({ id: id(), clientId: site.clientId, siteId: site.id, date: holiday[1], closed: true, opensAtMinutes: null, closesAtMinutes: null, note: holiday[0] });
    if (shortDay) ops.hoursExceptions.push({ id: id(), clientId: site.clientId, siteId: site.id, date: shortDay, closed: false, opensAtMinutes: site.opensAtMinutes, closesAtMinutes: 13 * 60, note: `Short day before ${holiday[0]}` });
  }

  // Natalizumab needs TOUCH: every site of a client with natalizumab orders is enrolled.
  const touchClients = new Set(w.orders.filter((o) => o.regimen.startsWith('natalizumab')).map((o) => o.clientId));
  for (const site of w.sites.filter((s) => touchClients.has(s.clientId))) {
    ops.remsEnrolments.push({ id: id(), clientId: site.clientId, siteId: site.id, programme: 'TOUCH', enrolmentNumber: `TOUCH-${f.string.numeric(7)}`, enrolledOn: addDays(w.anchorDate, -420), expiresOn: addDays(w.anchorDate, 310) });
  }

  // One pump overdue for its preventive maintenance, at the first site.
  const overdue = w.equipment.find((e) => e.siteId === w.sites[0]!.id)!;
  overdue.nextServiceDue = addDays(w.anchorDate, -12);
  for (const e of w.equipment) {
    const servicedOn = addDays(e.nextServiceDue, -365);
    ops.maintenance.push({ id: id(), clientId: e.clientId, siteId: e.siteId, equipmentId: e.id, servicedOn, kind: 'PREVENTIVE', performedBy: 'Midwest BioMed Services', notes: null, nextServiceDue: e.nextServiceDue });
  }

  // One certification about to expire: the NP clinic's CLIA waiver, three weeks out.
  const clinic = w.clients.find((c) => c.kind === 'NP_CLINIC') ?? w.clients[0]!;
  const clinicSite = w.sites.find((s) => s.clientId === clinic.id)!;
  w.certifications.push({ id: id(), clientId: clinic.id, siteId: clinicSite.id, kind: 'CLIA_CERTIFICATE_OF_WAIVER', issuer: 'CMS CLIA Program', issuedOn: addDays(w.anchorDate, -709), expiresOn: addDays(w.anchorDate, 21) });
  return ops;
}
