import { Faker, en } from '@faker-js/faker';
import { SUPERVISING_ROLES, type StaffRole } from '@infusion/domain-codes';
import { addDays, weekday, zonedTime } from './time';
import type { DemoWorld, WorldStaff } from './world';

/** Time off of a staff member (UTC bounds of whole local days at their home site). */
export interface WorldTimeOff { id: string; clientId: string; staffMemberId: string; startsAt: Date; endsAt: Date; reason: string }
/** A supervising provider on site for a period. */
export interface WorldSupervisionCoverage { id: string; clientId: string; siteId: string; providerId: string; startsAt: Date; endsAt: Date }

/** Typical loaded hourly cost per role in US dollars (salary plus benefits), for labour cost. */
export const HOURLY_COST_BY_ROLE: Record<StaffRole, string> = {
  RN: '52.00',
  LPN: '34.00',
  MEDICAL_ASSISTANT: '22.00',
  NP: '78.00',
  PA: '74.00',
  PHYSICIAN: '165.00',
  PHARMACIST: '72.00',
  TECHNICIAN: '28.00',
  COORDINATOR: '30.00',
};

/** The agency that supplies the demo's agency nurse, and its hourly rate. */
export const DEMO_AGENCY = { name: 'Prairie Travel Nurses LLC', hourlyCost: '88.50' };

const OPEN = 8 * 60;
const CLOSE = 17 * 60 + 30;
const isWeekday = (date: string) => ![0, 6].includes(weekday(date));

/**
 * The staffing part of the demo that `attention` and the staffing reports have something to show
 * (issue 10): supervising providers' cover at every DIRECT-supervision site matching the rostered
 * provider's shift, except one afternoon at the client's second site (an uncovered supervision
 * block); an agency nurse with an agency rate and a BLS certification that expires in 12 days; and
 * a weekend off for one nurse. Drawn from a faker of its own, so the rest of the world's ids and
 * schedule stay exactly as they were.
 */
export function addStaffingDemo(w: DemoWorld, seed: number): void {
  const f = new Faker({ locale: [en] });
  f.seed(seed + 10_000);
  const id = () => f.string.uuid();
  const staffById = new Map(w.staff.map((s) => [s.id, s]));
  const siteById = new Map(w.sites.map((s) => [s.id, s]));
  const lakeshore = w.clients[0]!;
  const [lincolnPark, evanston] = w.sites.filter((s) => s.clientId === lakeshore.id);

  // The uncovered afternoon: the first weekday at least two days after the anchor, at Evanston.
  let gapDate = addDays(w.anchorDate, 2);
  while (!isWeekday(gapDate)) gapDate = addDays(gapDate, 1);

  for (const shift of w.shifts) {
    const site = siteById.get(shift.siteId)!;
    const member = staffById.get(shift.staffMemberId)!;
    if (site.kind !== 'OFFICE' && site.kind !== 'STANDALONE_AIC') continue;
    if (!SUPERVISING_ROLES.includes(member.role)) continue;
    const uncovered = site.id === evanston?.id && shift.startsAt.getTime() === zonedTime(gapDate, OPEN - 30, site.timeZone).getTime();
    w.supervisionCoverage.push({
      id: id(), clientId: shift.clientId, siteId: site.id, providerId: member.id,
      startsAt: shift.startsAt, endsAt: uncovered ? zonedTime(gapDate, 13 * 60, site.timeZone) : shift.endsAt,
    });
  }

  if (!lincolnPark) return;
  const firstName = f.person.firstName();
  const lastName = f.person.lastName();
  const regular = w.staff.find((s) => s.homeSiteId === lincolnPark.id && s.role === 'RN')!;
  const agencyNurse: WorldStaff = {
    id: id(), clientId: lakeshore.id, homeSiteId: lincolnPark.id, firstName, lastName, role: 'RN',
    email: `${firstName}.${lastName}.agency@example.test`.toLowerCase().replace(/[^a-z0-9.@]/g, ''), npi: null,
    employment: 'AGENCY', agencyName: DEMO_AGENCY.name, hourlyCost: DEMO_AGENCY.hourlyCost,
    licenses: [{ id: id(), state: lincolnPark.state, number: f.string.alphanumeric({ length: 8, casing: 'upper' }), type: 'REGISTERED_NURSE', multistate: false, expiresOn: addDays(w.anchorDate, 400) }],
    competencies: [
      ...regular.competencies.filter((c) => c.kind !== 'BLS').map((c) => ({ id: id(), kind: c.kind, expiresOn: addDays(w.anchorDate, 300) })),
      // The credential that expires soon.
      { id: id(), kind: 'BLS', expiresOn: addDays(w.anchorDate, 12) },
    ],
  };
  w.staff.push(agencyNurse);
  for (let day = 0; day <= 27; day++) {
    const date = addDays(w.anchorDate, day);
    if (!isWeekday(date)) continue;
    w.shifts.push({ id: id(), clientId: lakeshore.id, siteId: lincolnPark.id, staffMemberId: agencyNurse.id, startsAt: zonedTime(date, OPEN - 30, lincolnPark.timeZone), endsAt: zonedTime(date, CLOSE + 30, lincolnPark.timeZone) });
  }

  // A weekend off (no shifts then): the first Saturday after the anchor.
  let saturday = addDays(w.anchorDate, 1);
  while (weekday(saturday) !== 6) saturday = addDays(saturday, 1);
  w.timeOff.push({
    id: id(), clientId: lakeshore.id, staffMemberId: regular.id,
    startsAt: zonedTime(saturday, 0, lincolnPark.timeZone), endsAt: zonedTime(addDays(saturday, 2), 0, lincolnPark.timeZone), reason: 'weekend away',
  });
}
