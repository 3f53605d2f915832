import { addDays, type DemoWorld, zonedTime } from '@infusion/demo-data';
import { sqlRows } from '@infusion/testkit';
import { platform } from './platform';

/** A booking of the demo world that passes every booking rule. */
export interface BookableSlot {
  clientId: string;
  siteId: string;
  chairId: string;
  nurseId: string;
  patientId: string;
  orderId: string;
  startsAt: string;
  endsAt: string;
}

interface Held {
  startsAt: Date;
  endsAt: Date;
}

const overlaps = (a: Held, b: Held) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
const covers = (blocks: Held[], v: Held) => blocks.some((b) => b.startsAt <= v.startsAt && b.endsAt >= v.endsAt);

const cache = new Map<string, Promise<BookableSlot[]>>();

/**
 * Free one-hour slots of a demo site that pass every booking rule — open hours, a nurse on shift
 * (the demo's nurses hold their licences and competencies), a supervising provider's cover where
 * the site needs direct supervision, an ACTIVE prior authorization with units — on days 3 to 26
 * after the anchor, each free of the seeded schedule AND of every other slot listed (chair,
 * patient, nurse capacity). Deterministic, so test files can each take their own `index`es and
 * never collide on the shared platform.
 */
export function bookableSlots(world: DemoWorld, siteId: string): Promise<BookableSlot[]> {
  let slots = cache.get(siteId);
  if (!slots) {
    slots = computeSlots(world, siteId);
    cache.set(siteId, slots);
  }
  return slots;
}

/** The `index`-th bookable slot at a site, optionally in one chair. */
export async function bookableSlot(world: DemoWorld, siteId: string, index: number, chairId?: string): Promise<BookableSlot> {
  const slots = (await bookableSlots(world, siteId)).filter((s) => !chairId || s.chairId === chairId);
  const slot = slots[index];
  if (!slot) throw new Error(`Only ${slots.length} bookable demo slots at ${siteId}${chairId ? ` in chair ${chairId}` : ''}`);
  return slot;
}

async function computeSlots(world: DemoWorld, siteId: string): Promise<BookableSlot[]> {
  const site = world.sites.find((s) => s.id === siteId)!;
  const direct = site.kind === 'OFFICE' || site.kind === 'STANDALONE_AIC';
  const auths = await sqlRows<{ patient_id: string; hcpcs_code: string; valid_from: string; valid_to: string; remaining: number }>(
    platform().ownerDatabaseUrl,
    `select patient_id, hcpcs_code, valid_from::text, valid_to::text, approved_units - used_units as remaining
       from billing.prior_authorization where site_id = $1 and status = 'ACTIVE'`,
    [siteId],
  );
  const products = new Map(world.products.map((p) => [p.id, p]));
  const chairs = world.chairs.filter((c) => c.siteId === siteId);
  const nurses = world.staff.filter((s) => s.homeSiteId === siteId && s.role === 'RN');
  const closed = new Set(world.hoursExceptions.filter((e) => e.siteId === siteId).map((e) => e.date));
  const held: (Held & { chairId: string; nurseId: string; patientId: string })[] = world.appointments
    .filter((a) => a.siteId === siteId && a.status === 'SCHEDULED')
    .map((a) => ({ startsAt: a.startsAt, endsAt: a.endsAt, chairId: a.chairId, nurseId: a.nurseId, patientId: a.patientId }));
  const shifts = world.shifts.filter((s) => s.siteId === siteId);
  const cover = world.supervisionCoverage.filter((c) => c.siteId === siteId);
  const orders = world.orders.filter((o) => world.patients.find((p) => p.id === o.patientId)!.siteId === siteId);
  const slots: BookableSlot[] = [];

  for (let d = 3; d <= 26; d++) {
    const day = addDays(world.anchorDate, d);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6 || closed.has(day)) continue;
    // Afternoon hours first: the seeded schedule fills chairs from the morning.
    for (let start = 16 * 60; start >= 9 * 60; start -= 60) {
      const visit = { startsAt: zonedTime(day, start, site.timeZone), endsAt: zonedTime(day, start + 60, site.timeZone) };
      if (direct && !covers(cover, visit)) continue;
      for (const chair of chairs) {
        if (held.some((h) => h.chairId === chair.id && overlaps(h, visit))) continue;
        const nurse = nurses.find(
          (n) => covers(shifts.filter((s) => s.staffMemberId === n.id), visit) && held.filter((h) => h.nurseId === n.id && overlaps(h, visit)).length < 2,
        );
        const order = orders.find((o) => {
          const product = products.get(o.productId)!;
          const units = Math.ceil(o.doseAmount / product.hcpcsUnitAmount! - 1e-9);
          return (
            !held.some((h) => h.patientId === o.patientId && h.startsAt.toISOString().slice(0, 10) === visit.startsAt.toISOString().slice(0, 10)) &&
            auths.some((a) => a.patient_id === o.patientId && a.hcpcs_code === product.hcpcsCode && a.valid_from <= day && day <= a.valid_to && a.remaining >= units * 3)
          );
        });
        if (!nurse || !order) continue;
        held.push({ ...visit, chairId: chair.id, nurseId: nurse.id, patientId: order.patientId });
        slots.push({
          clientId: site.clientId,
          siteId,
          chairId: chair.id,
          nurseId: nurse.id,
          patientId: order.patientId,
          orderId: order.id,
          startsAt: visit.startsAt.toISOString(),
          endsAt: visit.endsAt.toISOString(),
        });
      }
    }
  }
  return slots;
}
