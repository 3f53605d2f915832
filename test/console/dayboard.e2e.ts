import { addDays, zonedTime } from '@infusion/demo-data';
import { countSqlStatements, graphqlOk } from '@infusion/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayQueryWindow } from '../../apps/console/src/pages/dayboard/time';
import { ADD_COVER } from '../graph/staffing/support';
import { authorize, buildRulesWorld, dropAuthorizations, newOrder, type RulesWorld } from '../graph/scheduling/rules-world';
import { asOpsOk } from '../graph/scheduling/support';
import { asAdmin } from '../support/auth';
import { platform, seededWorld } from '../support/platform';
import { consoleBrowser, consoleOrigin, expectAccessible, screenshot } from './browser';

/**
 * Issue 13: the site day board in a real browser. Drags run on a practice this file builds through
 * the graph (its own client, site, nurses, patients and visits, named uniquely), so reruns on a
 * reused platform stay valid; the demo data is only read.
 */

const SLOTS = `query($o: ID!, $s: [ID!], $f: LocalDate!, $t: LocalDate!) {
  availableSlots(orderId: $o, siteIds: $s, from: $f, to: $t, first: 50) { startsAt endsAt chair { id } nurse { id } }
}`;
const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id startsAt endsAt chair { id } } }';
const VISIT = 'query($id: ID!) { appointment(id: $id) { id status startsAt chair { id } } }';
const DAY = `query($s: ID!, $from: DateTime!, $to: DateTime!) {
  site(id: $s) { appointments(from: $from, to: $to) { id status startsAt rescheduledFromId chair { id } } }
}`;

interface Slot { startsAt: string; endsAt: string; chair: { id: string }; nurse: { id: string } }
interface Visit { id: string; status: string; startsAt: string; chair: { id: string } }

const { as } = consoleBrowser();
let world: RulesWorld;
/** Two visits on world.day at opening, in two chairs; the third chair is free. */
let first: Visit;
let second: Visit;
let freeChair: string;
/** Minutes of chair time one infliximab dose needs here. */
let chairMinutes: number;
/** The board operation exactly as the console sent it, and its variables for the busiest demo day. */
let boardRequest: { query: string; variables: Record<string, unknown> } | undefined;
const minute = 60_000;

const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(date, h! * 60 + m!, world.timeZone);
};

async function slotsFor(orderId: string, date: string): Promise<Slot[]> {
  return (await asOpsOk<{ availableSlots: Slot[] }>(SLOTS, { o: orderId, s: [world.siteId], f: date, t: date })).availableSlots;
}

async function book(order: { patientId: string; orderId: string }, chairId: string, nurseId: string, startsAt: Date): Promise<Visit> {
  const { bookAppointment } = await asOpsOk<{ bookAppointment: Visit }>(BOOK, {
    i: { clientId: world.clientId, siteId: world.siteId, chairId, nurseId, patientId: order.patientId, orderId: order.orderId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + chairMinutes * minute).toISOString() },
  });
  return { ...bookAppointment, status: 'SCHEDULED' };
}

const visit = async (id: string) => (await asOpsOk<{ appointment: Visit }>(VISIT, { id })).appointment;

async function dayVisits(date: string): Promise<(Visit & { rescheduledFromId: string | null })[]> {
  const from = at(date, '00:00').toISOString();
  const to = at(addDays(date, 1), '00:00').toISOString();
  return (await asOpsOk<{ site: { appointments: (Visit & { rescheduledFromId: string | null })[] } }>(DAY, { s: world.siteId, from, to })).site.appointments;
}

beforeAll(async () => {
  world = await buildRulesWorld('Day board');
  const [firstSlot] = await slotsFor(world.orderId, world.day);
  chairMinutes = (Date.parse(firstSlot!.endsAt) - Date.parse(firstSlot!.startsAt)) / minute;
  // Both visits at opening (08:00), ending before the physician's cover ends at 12:00.
  const opening = at(world.day, '08:00');
  first = await book(world, world.chairIds[0]!, world.nurse, opening);
  const other = await newOrder(world, 'infliximab', 'infliximabCrohn', world.day);
  await authorize(world, other.patientId, 'J1745', addDays(world.day, -30), addDays(world.day, 400));
  second = await book(other, world.chairIds[1]!, world.nurse, opening);
  freeChair = world.chairIds[2]!;
}, 300_000);

afterAll(async () => {
  if (world) await dropAuthorizations(world);
});

const boardOf = (page: Page) => page.getByRole('region', { name: /^Day board of / });

async function openBoard(page: Page, siteId: string, date: string): Promise<void> {
  await page.goto(`${consoleOrigin()}/sites/${siteId}/day/${date}`);
  await page.getByRole('heading', { name: /^Day board: / }).waitFor();
  await boardOf(page).waitFor();
}

/** Drags a visit's block with the mouse (pointer events) onto a chair row, moved by the time given. */
async function dragVisit(page: Page, appointmentId: string, toChairId: string, toStart: Date): Promise<void> {
  const board = boardOf(page);
  const axisStart = Number(await board.getAttribute('data-axis-start'));
  const axisEnd = Number(await board.getAttribute('data-axis-end'));
  const block = board.locator(`[data-appointment-id="${appointmentId}"]`);
  const from = (await block.boundingBox())!;
  const currentStart = Number(await block.getAttribute('data-starts-at'));
  const track = (await board.locator(`[data-chair-row="${toChairId}"] [data-track]`).boundingBox())!;
  const dx = ((toStart.getTime() - currentStart) / (axisEnd - axisStart)) * track.width;
  const x = from.x + Math.min(20, from.width / 2);
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, (y + track.y + track.height / 2) / 2, { steps: 5 });
  await page.mouse.move(x + dx, track.y + track.height / 2, { steps: 10 });
  await board.locator('[data-drop-preview]').waitFor();
  await page.mouse.up();
}

/** Writes the day board offers; a read-only user must see none. */
const WRITE_BUTTONS = /^(move…|move visit|book|apply optimisation|apply \d+ moves|override and continue)$/i;

describe('site day board', { timeout: 300_000 }, () => {
  it('shows a demo site’s day in the site’s time zone, with a legend, and passes axe', async () => {
    const demo = seededWorld();
    // The demo site and day with the most visits in the coming week, read only.
    const counts = new Map<string, number>();
    for (const a of demo.appointments.filter((x) => x.status === 'SCHEDULED')) {
      const key = `${a.siteId} ${a.startsAt.toISOString().slice(0, 10)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const [siteId, utcDate] = key.split(' ') as [string, string];
    const site = demo.sites.find((s) => s.id === siteId)!;
    const { page, cspViolations } = await as('ops@infusiongraph.test');
    page.on('request', (request) => {
      const body = request.postDataJSON() as { operationName?: string; query: string; variables: Record<string, unknown> } | null;
      if (body?.operationName === 'DayBoard' && body.variables.siteId === siteId) boardRequest = body;
    });
    // Reached from the overview's site row.
    await page.getByRole('link', { name: /^Day board of / }).first().waitFor();
    await openBoard(page, siteId, utcDate);
    await expect.poll(() => page.getByTestId('site-time-zone').textContent()).toBe(`Site time: ${site.timeZone}`);
    await boardOf(page).locator('[data-appointment-id]').first().waitFor();
    expect(await boardOf(page).locator('[data-appointment-id]').count()).toBeGreaterThan(1);
    await page.getByRole('list', { name: 'Status colours' }).waitFor();
    await screenshot(page, 'dayboard');
    await expectAccessible(page, 'dayboard');
    // A block opens its details: patient, order, nurse, status, overrides.
    await boardOf(page).locator('[data-appointment-id]').first().click();
    const details = page.getByRole('dialog', { name: /^Visit: / });
    await details.getByRole('table', { name: 'Visit details' }).waitFor();
    await details.getByText('Booking-rule overrides').waitFor();
    await expectAccessible(page, 'dayboard-visit');
    expect(cspViolations).toEqual([]);
  });

  it('asks for the whole board in one operation whose SQL statements do not grow with the visits', async () => {
    expect(boardRequest, 'the console sent its DayBoard operation').toBeDefined();
    const { query, variables: busy } = boardRequest!;
    const quiet = { ...busy, siteId: world.siteId, date: world.day, ...dayQueryWindow(world.day) };
    const headers = await asAdmin();
    type Board = { site: { appointments: unknown[] } };
    // Warm-up: the session is verified once, then cached by the gateway.
    await graphqlOk(platform().gatewayUrl, query, quiet, headers);
    const many = await countSqlStatements(platform(), () => graphqlOk<Board>(platform().gatewayUrl, query, busy, headers));
    const few = await countSqlStatements(platform(), () => graphqlOk<Board>(platform().gatewayUrl, query, quiet, headers));
    expect(many.result.site.appointments.length).toBeGreaterThan(10 * few.result.site.appointments.length);
    expect(few.result.site.appointments.length).toBeGreaterThan(0);
    expect(few.total).toBeGreaterThan(0);
    expect(many.total, JSON.stringify({ many: many.statements, few: few.statements })).toBe(few.total);
  });

  it('drags a visit onto a taken chair and time: "chair taken", and nothing moved', async () => {
    const { page } = await as('ops@infusiongraph.test');
    await openBoard(page, world.siteId, world.day);
    await expect.poll(() => page.getByTestId('site-time-zone').textContent()).toBe(`Site time: ${world.timeZone}`);
    await boardOf(page).locator(`[data-appointment-id="${first.id}"]`).waitFor();
    await dragVisit(page, first.id, second.chair.id, new Date(second.startsAt));
    const refused = page.getByRole('dialog', { name: 'Move refused' });
    await refused.getByText('Chair taken').waitFor();
    await expect.poll(() => refused.textContent()).toContain('08:00');
    await screenshot(page, 'dayboard-chair-taken');
    await expectAccessible(page, 'dayboard-chair-taken');
    // The graph still has the visit where it was.
    expect(await visit(first.id)).toMatchObject({ status: 'SCHEDULED', startsAt: first.startsAt, chair: { id: world.chairIds[0] } });
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    expect(await boardOf(page).locator(`[data-chair-row="${world.chairIds[0]}"] [data-appointment-id="${first.id}"]`).count()).toBe(1);
  });

  it('drags a visit onto a free chair and time: the graph moved it there', async () => {
    const { page } = await as('ops@infusiongraph.test');
    await openBoard(page, world.siteId, world.day);
    const target = at(world.day, '08:30');
    await boardOf(page).locator(`[data-appointment-id="${first.id}"]`).waitFor();
    await dragVisit(page, first.id, freeChair, target);
    await page.getByTestId('move-notice').waitFor();
    expect(await page.getByTestId('move-notice').textContent()).toContain('08:30');
    const moved = (await dayVisits(world.day)).find((v) => v.rescheduledFromId === first.id);
    expect(moved).toMatchObject({ status: 'SCHEDULED', startsAt: target.toISOString(), chair: { id: freeChair } });
    expect((await visit(first.id)).status).toBe('RESCHEDULED');
    // The board refreshed: the new visit stands in the free chair's row.
    await boardOf(page).locator(`[data-chair-row="${freeChair}"] [data-appointment-id="${moved!.id}"]`).waitFor();
    first = moved!;
  });

  it('explains a soft booking rule on a move and lets ops override it with a reason; the keyboard "Move…" does the same', async () => {
    const { page } = await as('ops@infusiongraph.test');
    await openBoard(page, world.siteId, world.day);
    await boardOf(page).locator(`[data-appointment-id="${second.id}"]`).click();
    const details = page.getByRole('dialog', { name: /^Visit: / });
    await details.getByRole('button', { name: 'Move…' }).click();
    // 14:00 is after the physician's cover (07:30–12:00): direct supervision is a soft rule.
    await details.getByLabel(/^Start \(HH:MM/).fill('14:00');
    await details.getByRole('button', { name: 'Move visit' }).click();
    const refused = page.getByRole('dialog', { name: 'Move refused' });
    await refused.locator('[data-rule="SUPERVISION_NOT_COVERED"]').waitFor();
    expect(await refused.textContent()).toContain('soft rule');
    await screenshot(page, 'dayboard-soft-rule');
    expect((await visit(second.id)).status).toBe('SCHEDULED');
    await refused.getByLabel(/Reason for overriding/).fill('Physician confirmed cover by phone (test)');
    await refused.getByRole('button', { name: 'Override and continue' }).click();
    await page.getByTestId('move-notice').waitFor();
    const moved = (await dayVisits(world.day)).find((v) => v.rescheduledFromId === second.id);
    expect(moved).toMatchObject({ status: 'SCHEDULED', startsAt: at(world.day, '14:00').toISOString(), chair: { id: second.chair.id } });
  });

  it('lists an order’s free slots from the graph and books one', async () => {
    const { page } = await as('ops@infusiongraph.test');
    await openBoard(page, world.siteId, world.rosteredDays[3]!);
    const before = (await dayVisits(world.rosteredDays[3]!)).filter((v) => v.status === 'SCHEDULED').length;
    await page.getByRole('textbox', { name: 'Order needing a visit' }).click();
    await page.getByRole('option', { name: /infliximab/i }).first().click();
    await page.getByRole('button', { name: 'Find free slots' }).click();
    const slots = page.getByRole('table', { name: 'Free slots' });
    await slots.locator('tbody tr').first().waitFor();
    expect(await slots.locator('tbody tr').count()).toBeGreaterThan(0);
    // Those on the day shown are drawn on the board.
    await boardOf(page).locator('[data-slot]').first().waitFor();
    await screenshot(page, 'dayboard-availability');
    await expectAccessible(page, 'dayboard-availability');
    await slots.getByRole('button', { name: /^Book / }).first().click();
    await page.getByText(/^Booked /).waitFor();
    await expect.poll(async () => (await dayVisits(world.rosteredDays[3]!)).filter((v) => v.status === 'SCHEDULED').length).toBe(before + 1);
  });

  it('shows the optimisation proposal before/after and applies it in one click; the board refreshes', async () => {
    // A day of its own: two patients whose visits overlap, the second movable after the first.
    const day = world.rosteredDays[1]!;
    await asOpsOk(ADD_COVER, { i: { siteId: world.siteId, providerId: world.providerId, date: day, startTime: '12:00', endTime: '18:00' } });
    const a = await newOrder(world, 'infliximab', 'infliximabCrohn', day);
    const b = await newOrder(world, 'infliximab', 'infliximabCrohn', day);
    for (const p of [a, b]) await authorize(world, p.patientId, 'J1745', addDays(day, -30), addDays(day, 400));
    await book(a, world.chairIds[0]!, world.nurse, at(day, '08:00'));
    const late = await book(b, world.chairIds[1]!, world.nurse, at(day, '09:30'));

    const { page } = await as('ops@infusiongraph.test');
    await openBoard(page, world.siteId, day);
    await page.getByRole('button', { name: 'Propose an optimisation' }).click();
    await page.getByRole('table', { name: 'Optimisation numbers' }).waitFor();
    await page.getByRole('region', { name: 'Day before optimisation' }).waitFor();
    await page.getByRole('region', { name: 'Day after optimisation' }).waitFor();
    const moves = page.getByRole('table', { name: 'Proposed moves' });
    expect(await moves.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'dayboard-optimisation');
    await expectAccessible(page, 'dayboard-optimisation');

    await page.getByRole('button', { name: 'Apply optimisation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Apply the optimisation?' });
    await confirm.getByRole('button', { name: /^Apply \d+ moves$/ }).click();
    await page.getByText(/^Applied \d+ moves?\./).waitFor();
    // The graph moved the visits; the board shows each where the graph now has it.
    const after = (await dayVisits(day)).filter((v) => v.status === 'SCHEDULED');
    expect(after.map((v) => `${v.chair.id} ${v.startsAt}`)).not.toContain(`${late.chair.id} ${late.startsAt}`);
    for (const v of after) await boardOf(page).locator(`[data-chair-row="${v.chair.id}"] [data-appointment-id="${v.id}"]`).waitFor();
  });

  it('shows a read-only user the board without drag handles or buttons that write', async () => {
    const { page } = await as('viewer@infusiongraph.test');
    await openBoard(page, world.siteId, world.day);
    await boardOf(page).locator('[data-appointment-id]').first().waitFor();
    expect(await boardOf(page).locator('[data-draggable]').count()).toBe(0);
    await boardOf(page).locator('[data-appointment-id]').first().click();
    await page.getByRole('dialog', { name: /^Visit: / }).getByRole('table', { name: 'Visit details' }).waitFor();
    const writeButtons = async () => (await page.getByRole('button').allTextContents()).map((t) => t.trim()).filter((t) => WRITE_BUTTONS.test(t));
    expect(await writeButtons()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Order needing a visit' }).click();
    await page.getByRole('option', { name: /infliximab/i }).first().click();
    await page.getByRole('button', { name: 'Find free slots' }).click();
    await page.getByRole('table', { name: 'Free slots' }).locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Propose an optimisation' }).click();
    await page.getByRole('table', { name: 'Optimisation numbers' }).waitFor();
    expect(await writeButtons()).toEqual([]);
    await screenshot(page, 'dayboard-read-only');
  });
});
