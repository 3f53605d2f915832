import { randomUUID } from 'node:crypto';
import { addDays, localDate, weekday, zonedTime } from '@infusion/demo-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdmin } from '../../support/auth';
import { platform } from '../../support/platform';
import { ADD_COMPETENCY, ADD_COVER, CREATE_SHIFT, call, callOk, issueKey, newNurse, parties, problems } from './support';

// Issue 10: who may give a drug where and when (the contract scheduling calls), coverage per hour,
// labour cost, and what needs attention (expiring credentials, supervision gaps).

const QUALIFIED = 'query($s: ID!, $p: ID!, $at: DateTime!) { qualifiedStaff(siteId: $s, productId: $p, at: $at) { id } }';
const ATTENTION = `query($d: Int!) { staffingAttention(withinDays: $d) {
  expiringCredentials { credential name expiresOn daysLeft staffMember { id employment agencyName } }
  supervisionGaps { site { id } startsAt endsAt minutes }
} }`;
const COVERAGE = 'query($s: ID!, $f: DateTime!, $t: DateTime!) { staffingCoverage(siteId: $s, from: $f, to: $t) { startsAt nursesOnShift chairsBooked nurseCapacity understaffed supervisionRequired supervisionMet } }';

type Gap = { site: { id: string }; startsAt: string; endsAt: string; minutes: number };

const firstWeekdayFrom = (date: string) => {
  let d = date;
  while ([0, 6].includes(weekday(d))) d = addDays(d, 1);
  return d;
};

describe('qualified staff for a drug at a site and moment', () => {
  let writer: Record<string, string>;
  const at = '2027-09-06T15:00:00.000Z'; // 10:00 in Chicago
  const nurses: Record<string, string> = {};

  const onShift = (staffMemberId: string, siteId = parties().lincolnPark.id) =>
    callOk(CREATE_SHIFT, { i: { siteId, staffMemberId, date: '2027-09-06', startTime: '08:00', endTime: '16:00' } }, writer);

  beforeAll(async () => {
    const { lakeshore, lincolnPark, evanston } = parties();
    writer = await issueKey(lakeshore.id, ['staffing:read', 'staffing:write']);
    const chemo = (expiresOn: string) => [{ kind: 'CHEMOTHERAPY', expiresOn }];
    nurses.qualified = await newNurse(writer, lincolnPark, { competencies: chemo('2099-01-01') });
    nurses.lastValidDay = await newNurse(writer, lincolnPark, { competencies: chemo('2027-09-06') });
    nurses.expired = await newNurse(writer, lincolnPark, { competencies: chemo('2027-09-05') });
    // Texas is in the Nurse Licensure Compact, Illinois is not: a TX multistate licence does not reach IL.
    nurses.wrongState = await newNurse(writer, lincolnPark, { licenseState: 'TX', multistate: true, competencies: chemo('2099-01-01') });
    nurses.noCompetency = await newNurse(writer, lincolnPark);
    nurses.elsewhere = await newNurse(writer, evanston, { competencies: chemo('2099-01-01') });
    nurses.assistant = await newNurse(writer, lincolnPark, { role: 'MEDICAL_ASSISTANT', competencies: chemo('2099-01-01') });
    for (const [name, id] of Object.entries(nurses)) await onShift(id, name === 'elsewhere' ? evanston.id : lincolnPark.id);
  });

  const qualified = async (productId: string) =>
    (await callOk<{ qualifiedStaff: { id: string }[] }>(QUALIFIED, { s: parties().lincolnPark.id, p: productId, at }, writer)).qualifiedStaff.map((s) => s.id).sort();

  it('lists nurses on shift there, licensed for the site’s state, with the drug’s competency unexpired that day', async () => {
    expect(await qualified(parties().rituximab.id)).toEqual([nurses.qualified, nurses.lastValidDay].sort());
  });

  it('leaves out a nurse whose only licence is a compact licence from another state (IL is not in the compact)', async () => {
    expect(await qualified(parties().rituximab.id)).not.toContain(nurses.wrongState);
  });

  it('leaves out an expired competency, and takes the nurse in once it is renewed', async () => {
    expect(await qualified(parties().rituximab.id)).not.toContain(nurses.expired);
    await callOk(ADD_COMPETENCY, { i: { staffMemberId: nurses.expired, kind: 'chemotherapy', expiresOn: '2028-09-30' } }, writer);
    expect(await qualified(parties().rituximab.id)).toContain(nurses.expired);
  });

  it('asks for no competency when the drug requires none', async () => {
    const ironSucrose = parties().world.products.find((p) => p.key === 'iron-sucrose')!;
    expect(await qualified(ironSucrose.id)).toContain(nurses.noCompetency);
  });

  it('leaves out anyone not on an infusing shift at that site at that moment', async () => {
    const ids = await qualified(parties().world.products.find((p) => p.key === 'iron-sucrose')!.id);
    expect(ids).not.toContain(nurses.elsewhere);
    expect(ids).not.toContain(nurses.assistant);
    const later = await callOk<{ qualifiedStaff: unknown[] }>(QUALIFIED, { s: parties().lincolnPark.id, p: parties().rituximab.id, at: '2027-09-06T21:00:00Z' }, writer);
    expect(later.qualifiedStaff).toEqual([]);
  });

  it('gives the same answer on the Site entity, where other subgraphs reach it through _entities', async () => {
    const { site } = await callOk<{ site: { qualifiedStaff: { id: string }[] } }>(
      'query($s: ID!, $p: ID!, $at: DateTime!) { site(id: $s) { qualifiedStaff(productId: $p, at: $at) { id } } }',
      { s: parties().lincolnPark.id, p: parties().rituximab.id, at },
      await asAdmin(),
    );
    expect(site.qualifiedStaff.map((s) => s.id).sort()).toEqual(await qualified(parties().rituximab.id));
  });

  it('answers NOT_FOUND naming the argument for a product or site the caller cannot see', async () => {
    expect(problems(await call(QUALIFIED, { s: parties().lincolnPark.id, p: randomUUID(), at }, writer))).toEqual([['NOT_FOUND', 'productId']]);
    expect(problems(await call(QUALIFIED, { s: parties().otherSite.id, p: parties().rituximab.id, at }, writer))).toEqual([['NOT_FOUND', 'siteId']]);
  });
});

describe('attention: expiring credentials and supervision gaps', () => {
  it('shows the demo agency nurse’s BLS expiring in 12 days', async () => {
    const { anchorDate } = platform();
    const { staffingAttention } = await callOk<{ staffingAttention: { expiringCredentials: { name: string; expiresOn: string; staffMember: { employment: string; agencyName: string } }[] } }>(
      ATTENTION,
      { d: 30 },
      await asAdmin(),
    );
    const bls = staffingAttention.expiringCredentials.find((c) => c.name === 'BLS' && c.staffMember.employment === 'AGENCY');
    expect(bls).toMatchObject({ expiresOn: addDays(anchorDate, 12), staffMember: { agencyName: 'Prairie Travel Nurses LLC' } });
  });

  it('reports the demo’s uncovered afternoon at a DIRECT-supervision office', async () => {
    const { anchorDate } = platform();
    const { evanston } = parties();
    const day = firstWeekdayFrom(addDays(anchorDate, 2));
    const { staffingAttention } = await callOk<{ staffingAttention: { supervisionGaps: Gap[] } }>(ATTENTION, { d: 14 }, await asAdmin());
    expect(staffingAttention.supervisionGaps).toContainEqual({
      site: { id: evanston.id },
      startsAt: zonedTime(day, 13 * 60, evanston.timeZone).toISOString(),
      endsAt: zonedTime(day, 18 * 60, evanston.timeZone).toISOString(),
      minutes: 300,
    });
  });

  it('reports a gap when a nurse works past the provider’s cover, and clears it when another provider covers', async () => {
    const { lakeshore, evanston, world } = parties();
    const admin = await asAdmin();
    const writer = await issueKey(lakeshore.id, ['staffing:read', 'staffing:write']);
    const date = addDays(platform().anchorDate, 35);
    const nurse = await newNurse(writer, evanston);
    await callOk(CREATE_SHIFT, { i: { siteId: evanston.id, staffMemberId: nurse, date, startTime: '09:00', endTime: '15:00' } }, writer);
    const [first, second] = world.staff.filter((s) => s.homeSiteId === evanston.id && s.role === 'PHYSICIAN');
    await callOk(ADD_COVER, { i: { siteId: evanston.id, providerId: first!.id, date, startTime: '09:00', endTime: '12:00' } }, writer);
    const gap = { site: { id: evanston.id }, startsAt: zonedTime(date, 12 * 60, evanston.timeZone).toISOString(), endsAt: zonedTime(date, 15 * 60, evanston.timeZone).toISOString(), minutes: 180 };
    const before = await callOk<{ staffingAttention: { supervisionGaps: Gap[] } }>(ATTENTION, { d: 40 }, admin);
    expect(before.staffingAttention.supervisionGaps).toContainEqual(gap);

    const coverage = await callOk<{ staffingCoverage: { supervisionRequired: boolean; supervisionMet: boolean; nursesOnShift: number }[] }>(
      COVERAGE,
      { s: evanston.id, f: zonedTime(date, 9 * 60, evanston.timeZone).toISOString(), t: zonedTime(date, 15 * 60, evanston.timeZone).toISOString() },
      admin,
    );
    expect(coverage.staffingCoverage.map((h) => [h.nursesOnShift, h.supervisionRequired, h.supervisionMet])).toEqual([
      [1, true, true], [1, true, true], [1, true, true], [1, true, false], [1, true, false], [1, true, false],
    ]);

    // One provider cannot cover two periods at once, so the same provider overlapping is refused.
    expect(problems(await call(ADD_COVER, { i: { siteId: evanston.id, providerId: first!.id, date, startTime: '11:00', endTime: '15:00' } }, writer))).toEqual([['CONFLICT', undefined]]);
    await callOk(ADD_COVER, { i: { siteId: evanston.id, providerId: second!.id, date, startTime: '12:00', endTime: '15:00' } }, writer);
    const after = await callOk<{ staffingAttention: { supervisionGaps: Gap[] } }>(ATTENTION, { d: 40 }, admin);
    expect(after.staffingAttention.supervisionGaps).not.toContainEqual(gap);
  });

  it('refuses a nurse or an unlicensed-for-the-state provider as supervising cover', async () => {
    const { lakeshore, evanston } = parties();
    const writer = await issueKey(lakeshore.id, ['staffing:write']);
    const nurse = await newNurse(await issueKey(lakeshore.id, ['staffing:read', 'staffing:write']), evanston);
    const result = await call(ADD_COVER, { i: { siteId: evanston.id, providerId: nurse, date: addDays(platform().anchorDate, 36), startTime: '09:00', endTime: '12:00' } }, writer);
    expect(problems(result)).toEqual([['BAD_USER_INPUT', 'input.providerId']]);
  });

  it('bounds withinDays to 1–90', async () => {
    expect(problems(await call(ATTENTION, { d: 91 }, await asAdmin()))[0]).toEqual(['BAD_USER_INPUT', 'withinDays']);
  });
});

describe('coverage and labour cost from the demo roster', () => {
  it('counts nurses on shift and chairs booked (from scheduling) per hour against the chairs-per-nurse target', async () => {
    const { world, lincolnPark } = parties();
    const day = firstWeekdayFrom(addDays(platform().anchorDate, 1));
    const from = zonedTime(day, 10 * 60, lincolnPark.timeZone);
    const to = zonedTime(day, 12 * 60, lincolnPark.timeZone);
    const { staffingCoverage } = await callOk<{ staffingCoverage: { nursesOnShift: number; chairsBooked: number; nurseCapacity: number; supervisionMet: boolean }[] }>(
      COVERAGE,
      { s: lincolnPark.id, f: from.toISOString(), t: to.toISOString() },
      await asAdmin(),
    );
    const nurses = world.shifts.filter((s) => s.siteId === lincolnPark.id && s.startsAt < to && s.endsAt > from && world.staff.find((m) => m.id === s.staffMemberId)!.role === 'RN').length;
    const chairsIn = (hourStart: Date) => {
      const hourEnd = new Date(hourStart.getTime() + 3_600_000);
      return new Set(world.appointments.filter((a) => a.siteId === lincolnPark.id && a.status === 'SCHEDULED' && a.startsAt < hourEnd && a.endsAt > hourStart).map((a) => a.chairId)).size;
    };
    expect(staffingCoverage).toMatchObject([
      { nursesOnShift: nurses, chairsBooked: chairsIn(from), nurseCapacity: nurses * lincolnPark.chairsPerNurse, supervisionMet: true },
      { nursesOnShift: nurses, chairsBooked: chairsIn(new Date(from.getTime() + 3_600_000)), nurseCapacity: nurses * lincolnPark.chairsPerNurse, supervisionMet: true },
    ]);
    expect(staffingCoverage[0]!.chairsBooked).toBeGreaterThan(0);
  });

  it('prices a past week of the site’s shifts at each person’s hourly cost, to the cent', async () => {
    const { world, lincolnPark } = parties();
    const weekStarting = addDays(platform().anchorDate, -14);
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekStarting, i));
    const shifts = world.shifts.filter((s) => s.siteId === lincolnPark.id && days.includes(localDate(s.startsAt, lincolnPark.timeZone)));
    const centMinutes = new Map<string, number>();
    for (const s of shifts) {
      const member = world.staff.find((m) => m.id === s.staffMemberId)!;
      const minutes = (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000;
      centMinutes.set(member.role, (centMinutes.get(member.role) ?? 0) + minutes * Math.round(Number(member.hourlyCost) * 100));
    }
    const cents = [...centMinutes.values()].reduce((n, v) => n + Math.floor((v + 30) / 60), 0);
    const { labourCost } = await callOk<{ labourCost: { shifts: number; cost: { amount: string; currency: string }; byRole: { role: string }[] } }>(
      'query($s: ID!, $w: LocalDate!) { labourCost(siteId: $s, weekStarting: $w) { shifts cost { amount currency } byRole { role } } }',
      { s: lincolnPark.id, w: weekStarting },
      await asAdmin(),
    );
    expect(labourCost.shifts).toBe(shifts.length);
    expect(labourCost.cost).toEqual({ amount: (cents / 100).toFixed(2), currency: 'USD' });
    expect(labourCost.byRole.map((r) => r.role).sort()).toEqual([...centMinutes.keys()].sort());
    expect(cents).toBeGreaterThan(0);
  });
});
