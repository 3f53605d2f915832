import { nextClosures } from '@infusion/demo-data';
import { describe, expect, it } from 'vitest';
import { asAdmin, bearer, readKeyOf, signInAs } from '../../support/auth';
import { seededWorld } from '../../support/platform';
import { argumentOf, codes, facilitiesFingerprint, gql, gqlOk, ownerQuery } from './support';

interface Item { kind: string; severity: string; dueOn: string | null; clientId: string; siteId: string; entityType: string; entityId: string }
const ATTENTION = 'query($d: Int!) { attention(withinDays: $d) { kind severity dueOn clientId siteId entityType entityId message } }';

/** Demo chairs with visits still ahead of them, as the seed booked them. */
function bookedChair() {
  const world = seededWorld();
  const now = Date.now();
  const held = (chairId: string) => world.appointments.filter((a) => a.chairId === chairId && a.status === 'SCHEDULED' && a.endsAt.getTime() > now);
  return { chair: world.chairs.find((c) => held(c.id).length > 0)! };
}

describe('what needs attention, on the demo data', () => {
  it('shows the expiring certification and the overdue pump, with the ids to fix them', async () => {
    const world = seededWorld();
    const { attention } = await gqlOk<{ attention: Item[] }>(ATTENTION, { d: 30 }, await asAdmin());
    const clia = world.certifications.find((c) => c.kind === 'CLIA_CERTIFICATE_OF_WAIVER')!;
    expect(attention).toContainEqual(expect.objectContaining({ kind: 'CERTIFICATION_EXPIRY', severity: 'NOTICE', entityType: 'Certification', entityId: clia.id, siteId: clia.siteId, dueOn: clia.expiresOn }));
    const overdue = world.equipment.find((e) => e.nextServiceDue < world.anchorDate)!;
    expect(attention).toContainEqual(expect.objectContaining({ kind: 'EQUIPMENT_MAINTENANCE', severity: 'CRITICAL', entityType: 'Equipment', entityId: overdue.id }));
    // Most urgent first.
    expect(attention[0]!.severity).toBe('CRITICAL');
    // Nothing due beyond the horizon.
    expect(attention.every((i) => i.dueOn === null || i.dueOn <= new Date(Date.parse(world.anchorDate) + 31 * 86_400_000).toISOString().slice(0, 10))).toBe(true);
  });

  it('answers a client key with its own client’s items only', async () => {
    const world = seededWorld();
    const clinic = world.clients.find((c) => c.kind === 'NP_CLINIC')!;
    const { attention } = await gqlOk<{ attention: Item[] }>(ATTENTION, { d: 30 }, bearer(readKeyOf(clinic.id).key));
    expect(attention.length).toBeGreaterThan(0);
    expect(new Set(attention.map((i) => i.clientId))).toEqual(new Set([clinic.id]));
    const bad = await gql(ATTENTION, { d: 5000 }, bearer(readKeyOf(clinic.id).key));
    expect(argumentOf(bad)).toBe('withinDays');
  });

  it('has realistic hours with the next holiday closed and a short day before it, and TOUCH enrolment for the natalizumab client', async () => {
    const world = seededWorld();
    const { holiday, shortDay } = nextClosures(world.anchorDate);
    const site = world.sites[0]!;
    const { site: answer } = await gqlOk<{ site: { openingHours: { date: string; closed: boolean; closesAt: string | null; note: string | null }[] } }>(
      'query($id: ID!, $d: LocalDate!) { site(id: $id) { openingHours(from: $d, to: $d) { date closed closesAt note } } }', { id: site.id, d: holiday[1] }, await asAdmin());
    expect(answer.openingHours).toEqual([{ date: holiday[1], closed: true, closesAt: null, note: holiday[0] }]);
    if (shortDay) {
      const { site: short } = await gqlOk<{ site: { openingHours: { closesAt: string }[] } }>(
        'query($id: ID!, $d: LocalDate!) { site(id: $id) { openingHours(from: $d, to: $d) { closesAt } } }', { id: site.id, d: shortDay }, await asAdmin());
      expect(short.openingHours[0]!.closesAt).toBe('13:00');
    }
    const enrolled = world.remsEnrolments[0]!;
    const { site: rems } = await gqlOk<{ site: { remsEnrolments: { programme: string; expiresOn: string }[] } }>(
      'query($id: ID!) { site(id: $id) { remsEnrolments { programme expiresOn } } }', { id: enrolled.siteId }, await asAdmin());
    expect(rems.remsEnrolments).toEqual([{ programme: 'TOUCH', expiresOn: enrolled.expiresOn }]);
  });
});

describe('retiring a chair or closing a site that visits still hold', () => {
  it('refuses to retire a booked chair, listing the appointments scheduling holds in it, and changes nothing', async () => {
    const { chair } = bookedChair();
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const before = await facilitiesFingerprint();
    const result = await gql('mutation($id: ID!) { retireChair(chairId: $id, reason: "worn out") { id } }', { id: chair.id }, ops);
    expect(codes(result)).toEqual(['CONFLICT']);
    const listed = result.errors![0]!.extensions!.appointments as { id: string; chairId: string }[];
    // What scheduling holds in the chair now, read from its table: other test files book into the
    // demo chairs too, and visits starting at the same time are listed by id.
    const held = await ownerQuery<{ id: string }>(
      `select id from scheduling.appointment where chair_id = $1 and status in ('SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR') and ends_at > now()
        order by starts_at, id limit 20`,
      [chair.id],
    );
    expect(held.length).toBeGreaterThan(0);
    expect(listed.map((a) => a.id)).toEqual(held.map((a) => a.id));
    expect(listed.every((a) => a.chairId === chair.id)).toBe(true);
    expect(result.errors![0]!.message).toMatch(/still hold/);
    expect(await facilitiesFingerprint()).toBe(before);
    expect(await ownerQuery("select 1 from events.delivery where aggregate_type = 'Chair' and aggregate_id = $1", [chair.id])).toEqual([]);
  });

  it('refuses to close a site whose chairs are booked, listing the appointments', async () => {
    const { chair } = bookedChair();
    const result = await gql('mutation($id: ID!) { closeSite(id: $id, reason: "lease ends") { id } }', { id: chair.siteId }, await asAdmin());
    expect(codes(result)).toEqual(['CONFLICT']);
    expect((result.errors![0]!.extensions!.appointments as unknown[]).length).toBeGreaterThan(0);
    const { site } = await gqlOk<{ site: { status: string } }>('query($id: ID!) { site(id: $id) { status } }', { id: chair.siteId }, await asAdmin());
    expect(site.status).toBe('OPEN');
  });
});

describe('equipment and certifications', () => {
  it('records maintenance (history kept) and moves the next service date by the interval', async () => {
    const world = seededWorld();
    const pump = world.equipment.find((e) => e.nextServiceDue < world.anchorDate)!;
    const ops = await asAdmin();
    const { recordMaintenance } = await gqlOk<{ recordMaintenance: { nextServiceDue: string } }>(
      'mutation($i: RecordMaintenanceInput!) { recordMaintenance(input: $i) { nextServiceDue } }',
      { i: { equipmentId: pump.id, servicedOn: world.anchorDate, kind: 'PREVENTIVE', performedBy: 'Midwest BioMed Services', notes: 'Occlusion alarm tested' } }, ops);
    const next = new Date(Date.parse(world.anchorDate) + 365 * 86_400_000).toISOString().slice(0, 10);
    expect(recordMaintenance.nextServiceDue).toBe(next);
    const { site } = await gqlOk<{ site: { equipment: { id: string; nextServiceDue: string; maintenanceHistory: { servicedOn: string }[] }[] } }>(
      'query($id: ID!) { site(id: $id) { equipment { id nextServiceDue maintenanceHistory { servicedOn } } } }', { id: pump.siteId }, ops);
    const answered = site.equipment.find((e) => e.id === pump.id)!;
    expect(answered.nextServiceDue).toBe(next);
    expect(answered.maintenanceHistory.map((m) => m.servicedOn)).toEqual([world.anchorDate, new Date(Date.parse(pump.nextServiceDue) - 365 * 86_400_000).toISOString().slice(0, 10)]);
    const { attention } = await gqlOk<{ attention: Item[] }>(ATTENTION, { d: 30 }, ops);
    expect(attention.find((i) => i.entityId === pump.id)).toBeUndefined();
    // Put the demo back as seeded for other test files.
    await ownerQuery('delete from facilities.equipment_service where equipment_id = $1 and serviced_on = $2', [pump.id, world.anchorDate]);
    await ownerQuery('update facilities.equipment set next_service_due = $2 where id = $1', [pump.id, pump.nextServiceDue]);
  });

  it('renews a certification only to a later expiry', async () => {
    const world = seededWorld();
    const cert = world.certifications.find((c) => c.kind === 'USP_797_SEGREGATED_COMPOUNDING_AREA')!;
    const RENEW = 'mutation($i: RenewCertificationInput!) { renewCertification(input: $i) { expiresOn } }';
    const ops = await asAdmin();
    const earlier = await gql(RENEW, { i: { id: cert.id, issuedOn: world.anchorDate, expiresOn: cert.issuedOn } }, ops);
    expect(argumentOf(earlier)).toBe('input.expiresOn');
    const later = new Date(Date.parse(cert.expiresOn) + 365 * 86_400_000).toISOString().slice(0, 10);
    const { renewCertification } = await gqlOk<{ renewCertification: { expiresOn: string } }>(RENEW, { i: { id: cert.id, issuedOn: world.anchorDate, expiresOn: later } }, ops);
    expect(renewCertification.expiresOn).toBe(later);
    await ownerQuery('update facilities.certification set issued_on = $2, expires_on = $3 where id = $1', [cert.id, cert.issuedOn, cert.expiresOn]);
  });
});
