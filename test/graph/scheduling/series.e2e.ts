import { addDays } from '@infusion/demo-data';
import { sqlRows } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform, seededWorld } from '../../support/platform';
import { asOps, asOpsOk, count, withDatabase } from './support';
import { authorize, buildRulesWorld, dropAuthorizations, newOrder, rosterAsOwner, type RulesWorld } from './rules-world';

/*
 * Series through the real graph at one office (Mon–Fri 08:00–17:30 Chicago, a holiday, a nurse and
 * a supervising physician rostered on weekdays for a year): every regimen of DOMAIN.md "Therapies
 * and chair time" placed inside its windows where every booking rule passes.
 */

const SERIES = 'mutation($i: ScheduleSeriesInput!) { scheduleSeries(input: $i) { id doseNumber startsAt endsAt status chair { id } nurse { id } } }';
const ROSTER_DAYS = 400;

interface Visit { id: string; doseNumber: number; startsAt: string; endsAt: string; status: string }

let world: RulesWorld;
const localDate = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
const localTime = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'America/Chicago', hour: '2-digit', minute: '2-digit' });
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

beforeAll(async () => {
  world = await buildRulesWorld('Series', { rosterDays: 0 });
  await rosterAsOwner(world, ROSTER_DAYS);
  await asOpsOk('mutation($i: EnrolSiteInRemsInput!) { enrolSiteInRems(input: $i) { id } }', { i: { siteId: world.siteId, programme: 'TOUCH', enrolledOn: '2026-01-05' } });
}, 240_000);

afterAll(async () => {
  if (world) {
    await sqlRows(platform().ownerDatabaseUrl, "update scheduling.appointment set status = 'CANCELLED', cancel_reason = 'test over' where client_id = $1 and status = 'SCHEDULED'", [world.clientId]);
    await dropAuthorizations(world);
  }
});

/** Places the series of a new order of `regimen`, authorized for a year and a half; returns its visits by dose. */
async function seriesOf(drug: string, regimen: string, startsOn = world.day, overrides: { code: string; reason: string }[] = []) {
  const { patientId, orderId } = await newOrder(world, drug, regimen, startsOn);
  const hcpcs = seededWorld().products.find((p) => p.key === drug)!.hcpcsCode!;
  await authorize(world, patientId, hcpcs, addDays(startsOn, -30), addDays(startsOn, 540));
  const reply = await asOps<{ scheduleSeries: Visit[] }>(SERIES, { i: { orderId, chairId: world.chairIds[0], nurseId: world.nurse, overrides } });
  expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
  const visits = reply.data!.scheduleSeries;
  // Every visit on an open weekday (not the holiday), inside 08:00–17:30 local, in dose order.
  for (const v of visits) {
    const date = localDate(v.startsAt);
    expect([0, 6], `dose ${v.doseNumber} on ${date}`).not.toContain(weekday(date));
    expect(date).not.toBe(world.holiday);
    expect(localTime(v.startsAt) >= '08:00' && localTime(v.endsAt) <= '17:30', `${localTime(v.startsAt)}–${localTime(v.endsAt)}`).toBe(true);
  }
  expect(visits.map((v) => v.doseNumber)).toEqual(visits.map((_, i) => i + 1));
  return { orderId, patientId, visits, offsets: visits.map((v) => daysBetween(startsOn, localDate(v.startsAt))) };
}

/** Each dose within `window` days of its planned day. */
function withinWindows(offsets: number[], planned: number[], window: (dose: number) => number): void {
  offsets.forEach((o, i) => {
    expect(Math.abs(o - planned[i]!), `dose ${i + 1}: day ${o}, planned ${planned[i]}`).toBeLessThanOrEqual(window(i + 1));
  });
}

describe('series per regimen, through the graph', { timeout: 180_000 }, () => {
  it('infliximab: weeks 0, 2, 6 then every 8 weeks, at 09:00 local on every dose across the DST change', async () => {
    const s = await seriesOf('infliximab', 'infliximabCrohn');
    const planned = [0, 14, 42, 98, 154, 210, 266, 322];
    withinWindows(s.offsets, planned, (n) => (n <= 3 ? 3 : 7));
    expect(s.visits.length).toBeGreaterThanOrEqual(6);
    // The preferred start is an hour after opening: the same local time in winter and in summer.
    expect(new Set(s.visits.map((v) => localTime(v.startsAt)))).toEqual(new Set(['09:00']));
    expect(new Set(s.visits.map((v) => daysBetween(v.startsAt.slice(0, 10), v.endsAt.slice(0, 10))))).toEqual(new Set([0]));
  });

  it('ocrelizumab: two 300 mg doses two weeks apart, then every 6 months', async () => {
    const s = await seriesOf('ocrelizumab', 'ocrelizumabMS');
    withinWindows(s.offsets, [0, 14, 182, 364].slice(0, s.visits.length), (n) => (n <= 2 ? 2 : 14));
    expect(s.visits.length).toBeGreaterThanOrEqual(3);
    expect((Date.parse(s.visits[0]!.endsAt) - Date.parse(s.visits[0]!.startsAt)) / 60_000).toBe(300);
  });

  it('natalizumab: every 4 weeks at a TOUCH-enrolled site, the referring prescriber’s enrolment confirmed by ops', async () => {
    const refused = await asOps(SERIES, { i: { orderId: (await newOrder(world, 'natalizumab', 'natalizumabMS', world.day)).orderId, chairId: world.chairIds[0], nurseId: world.nurse } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'BOOKING_RULE' });
    const s = await seriesOf('natalizumab', 'natalizumabMS', world.day, [{ code: 'REMS_PRESCRIBER_UNVERIFIED', reason: 'Prescriber enrolment checked on the TOUCH portal' }]);
    withinWindows(s.offsets, s.visits.map((_, i) => i * 28), () => 5);
    expect(s.visits.length).toBeGreaterThanOrEqual(12);
  });

  it('vedolizumab starting on a holiday: the first dose moves to an open day inside its window', async () => {
    const s = await seriesOf('vedolizumab', 'vedolizumabUC', world.holiday);
    expect(localDate(s.visits[0]!.startsAt)).not.toBe(world.holiday);
    withinWindows(s.offsets, [0, 14, 42, 98, 154, 210, 266, 322], (n) => (n <= 3 ? 3 : 7));
  });

  it('IVIG every 4 weeks, zoledronic acid yearly, iron sucrose five times in 14 days, denosumab every 6 months', async () => {
    const ivig = await seriesOf('ivig', 'ivigCIDP');
    withinWindows(ivig.offsets, [0, 28, 56, 84, 112, 140], (n) => (n === 1 ? 0 : 3));
    const zoledronic = await seriesOf('zoledronic', 'zoledronicOsteo');
    withinWindows(zoledronic.offsets, [0, 364], () => 30);
    const iron = await seriesOf('iron-sucrose', 'ironSucroseIDA');
    expect(iron.visits).toHaveLength(5);
    withinWindows(iron.offsets, [0, 3, 7, 10, 14], () => 1);
    const denosumab = await seriesOf('denosumab', 'denosumabOsteo');
    withinWindows(denosumab.offsets, [0, 182, 364].slice(0, denosumab.visits.length), (n) => (n === 1 ? 0 : 30));
  });

  it('regenerates the rest after a missed first dose: restarts from tomorrow, cancels the visits not yet started', async () => {
    const s = await seriesOf('infliximab', 'infliximabRA');
    // The first dose was due five days ago and missed: the order started then, its visit a no-show.
    const started = addDays(new Date().toISOString().slice(0, 10), -5);
    await sqlRows(platform().ownerDatabaseUrl, 'update scheduling.therapy_order set starts_on = $2 where id = $1', [s.orderId, started]);
    await sqlRows(
      platform().ownerDatabaseUrl,
      `update scheduling.appointment set status = 'NO_SHOW', starts_at = now() - interval '5 days', ends_at = now() - interval '5 days' + interval '165 minutes' where id = $1`,
      [s.visits[0]!.id],
    );
    const again = await asOpsOk<{ scheduleSeries: Visit[] }>(SERIES, { i: { orderId: s.orderId, chairId: world.chairIds[0], nurseId: world.nurse } });
    const tomorrow = addDays(localDate(new Date().toISOString()), 1);
    const first = localDate(again.scheduleSeries[0]!.startsAt);
    expect(again.scheduleSeries[0]!.doseNumber).toBe(1);
    expect(daysBetween(tomorrow, first)).toBeGreaterThanOrEqual(0);
    expect(daysBetween(tomorrow, first)).toBeLessThanOrEqual(3);
    // The rest keep their spacing from the restart: dose 2 two weeks after it (± its window).
    expect(Math.abs(daysBetween(first, localDate(again.scheduleSeries[1]!.startsAt)) - 14)).toBeLessThanOrEqual(6);
    const old = await withDatabase((db) => db.query('select status, cancel_reason from scheduling.appointment where id = any($1::uuid[]) order by starts_at', [s.visits.slice(1).map((v) => v.id)]));
    expect(new Set(old.rows.map((r) => `${r.status}: ${r.cancel_reason}`))).toEqual(new Set(['CANCELLED: Series regenerated']));
  });

  it('writes nothing when a dose has no room: a nurse with no shifts refuses the whole run', async () => {
    const s = await seriesOf('infliximab', 'infliximabCrohn', addDays(world.day, 1 + ((8 - weekday(addDays(world.day, 1))) % 7)));
    const holding = () => withDatabase((db) => count(db, "select count(*) from scheduling.appointment where order_id = $1 and status = 'SCHEDULED'", [s.orderId]));
    const before = await holding();
    const reply = await asOps(SERIES, { i: { orderId: s.orderId, chairId: world.chairIds[0], nurseId: world.nurseWithoutShift } });
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'orderId' });
    expect(await holding()).toBe(before);
    expect(before).toBe(s.visits.length);
  });
});
