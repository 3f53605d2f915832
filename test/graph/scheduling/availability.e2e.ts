import { sqlRows } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from '../facilities/support';
import { platform, seededWorld } from '../../support/platform';
import { graphql } from '@infusion/testkit';
import { asOps, asOpsOk } from './support';
import { buildRulesWorld, dropAuthorizations, type RulesWorld } from './rules-world';

/*
 * Availability search through the real graph, at a practice built with mutations (office open
 * 08:00–17:30, a physician covering 07:30–12:00 only, three nurses on shift of whom one is fully
 * qualified): every slot offered books, a busy slot is never offered, limits hold.
 */

const SLOTS = `query($o: ID!, $s: [ID!]!, $f: LocalDate!, $t: LocalDate!, $n: ID, $first: Int) {
  availableSlots(orderId: $o, siteIds: $s, from: $f, to: $t, nurseId: $n, first: $first) { rank startsAt endsAt date site { id } chair { id } nurse { id } reasons }
}`;
const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }';

interface Slot { rank: number; startsAt: string; endsAt: string; date: string; site: { id: string }; chair: { id: string }; nurse: { id: string }; reasons: string[] }

let world: RulesWorld;
const localTime = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'America/Chicago', hour: '2-digit', minute: '2-digit' });

beforeAll(async () => {
  world = await buildRulesWorld('Availability');
}, 180_000);

afterAll(async () => {
  if (world) {
    await sqlRows(platform().ownerDatabaseUrl, "update scheduling.appointment set status = 'CANCELLED', cancel_reason = 'test over' where client_id = $1 and status = 'SCHEDULED'", [world.clientId]);
    await dropAuthorizations(world);
  }
});

const search = async (variables: Record<string, unknown>) => {
  const reply = await asOps<{ availableSlots: Slot[] }>(SLOTS, { o: world.orderId, s: [world.siteId], f: world.rosteredDays[0], t: world.rosteredDays.at(-1), ...variables });
  expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
  return reply.data!.availableSlots;
};

const booking = (slot: Slot) => ({
  clientId: world.clientId, siteId: slot.site.id, chairId: slot.chair.id, nurseId: slot.nurse.id, patientId: world.patientId, orderId: world.orderId, startsAt: slot.startsAt, endsAt: slot.endsAt,
});

describe('availability search, through the graph', { timeout: 120_000 }, () => {
  it('offers ranked slots that pass every rule: open hours, the qualified nurse on shift, the supervising physician’s mornings', async () => {
    const slots = await search({ first: 100 });
    expect(slots.length).toBeGreaterThan(10);
    expect(slots.map((s) => s.rank)).toEqual(slots.map((_, i) => i + 1));
    for (const s of slots) {
      expect(s.nurse.id).toBe(world.nurse);
      expect(world.chairIds).toContain(s.chair.id);
      expect(localTime(s.startsAt) >= '08:00' && localTime(s.endsAt) <= '12:00', `${localTime(s.startsAt)}–${localTime(s.endsAt)}`).toBe(true);
      expect((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000).toBeGreaterThanOrEqual(165); // 15 premedication + 120 infusion + 30 observation, or more for a first dose
    }
    // Earliest day first; on a day, slots touching the opening come before ones that leave an unusable gap.
    expect(slots[0]!.date).toBe(world.rosteredDays[0]);
    expect(slots[0]!.reasons).toContain('AT_OPENING');
    expect([...slots.map((s) => s.date)]).toEqual([...slots.map((s) => s.date)].sort());
  });

  it('a slot it offers books, and a busy slot is never offered again', async () => {
    const [best] = await search({ first: 1, f: world.rosteredDays[2], t: world.rosteredDays[2] });
    const booked = await asOpsOk<{ bookAppointment: { id: string } }>(BOOK, { i: booking(best!) });
    expect(booked.bookAppointment.id).toBeTruthy();
    const after = await search({ first: 100, f: world.rosteredDays[2], t: world.rosteredDays[2] });
    // The patient now has a visit that day: nothing overlapping it is offered, in any chair.
    expect(after.filter((s) => Date.parse(s.startsAt) < Date.parse(best!.endsAt) && Date.parse(s.endsAt) > Date.parse(best!.startsAt))).toEqual([]);
  });

  it('searches the order’s own site when no sites are named', async () => {
    const reply = await asOpsOk<{ availableSlots: Slot[] }>('query($o: ID!, $f: LocalDate!, $t: LocalDate!) { availableSlots(orderId: $o, from: $f, to: $t, first: 5) { site { id } } }', {
      o: world.orderId, f: world.rosteredDays[3], t: world.rosteredDays[3],
    });
    expect(reply.availableSlots.length).toBeGreaterThan(0);
    expect(new Set(reply.availableSlots.map((s) => s.site.id))).toEqual(new Set([world.siteId]));
  });

  it('offers only the nurse asked for, and nothing for a nurse who may not give the drug', async () => {
    expect(await search({ n: world.nurseWithoutCompetency, first: 5 })).toEqual([]);
    expect((await search({ n: world.nurse, first: 5 })).every((s) => s.nurse.id === world.nurse)).toBe(true);
  });

  it('keeps a site-limited key to its sites, and another client’s order is NOT_FOUND', async () => {
    const key = await issueKey(world.clientId, ['scheduling:read'], [world.siteId]);
    const vars = { o: world.orderId, f: world.rosteredDays[0], t: world.rosteredDays[0] };
    const outside = await graphql(platform().gatewayUrl, SLOTS, { ...vars, s: [world.siteId, world.otherSiteId] }, key);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'siteIds' });
    const inside = await graphql<{ availableSlots: Slot[] }>(platform().gatewayUrl, SLOTS, { ...vars, s: [world.siteId] }, key);
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.availableSlots.every((s) => s.site.id === world.siteId)).toBe(true);

    const theirs = seededWorld().orders[0]!.id;
    const foreign = await graphql(platform().gatewayUrl, SLOTS, { ...vars, o: theirs, s: [world.siteId] }, key);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'orderId' });
  });

  it('refuses a range over 31 days or more than 10 sites, naming the argument', async () => {
    const long = await asOps(SLOTS, { o: world.orderId, s: [world.siteId], f: world.day, t: '2099-01-01' });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    const many = await asOps(SLOTS, { o: world.orderId, s: Array.from({ length: 11 }, () => world.siteId.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))), f: world.day, t: world.day });
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
