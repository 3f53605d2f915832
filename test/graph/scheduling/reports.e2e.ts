import { addDays, localDate } from '@infusion/demo-data';
import { describe, expect, it } from 'vitest';
import { asOpsOk, demoSites, newMrn } from './support';

const CREATE_PATIENT = 'mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }';
const CREATE_ORDER = 'mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }';

describe('scheduling reports', () => {
  it('counts no-shows among a site’s due visits as the seeded schedule has them', async () => {
    const { world, home } = demoSites();
    const from = new Date(`${addDays(world.anchorDate, -60)}T00:00:00Z`);
    const to = new Date(`${addDays(world.anchorDate, -1)}T00:00:00Z`);
    const seeded = world.appointments.filter((a) => a.siteId === home.id && a.startsAt >= from && a.startsAt < to && a.status !== 'CANCELLED');
    const { site } = await asOpsOk<{ site: { noShowRate: { visits: number; noShows: number; rate: number } } }>(
      'query($id: ID!, $from: DateTime!, $to: DateTime!) { site(id: $id) { noShowRate(from: $from, to: $to) { visits noShows rate } } }',
      { id: home.id, from, to },
    );
    const noShows = seeded.filter((a) => a.status === 'NO_SHOW').length;
    expect(site.noShowRate).toEqual({ visits: seeded.length, noShows, rate: noShows / seeded.length });
    expect(noShows).toBeGreaterThan(0);
  });

  it('lists an order whose first dose passed its window without a visit as overdue, and shows it on the patient’s timeline', async () => {
    const { world, home } = demoSites();
    const { createPatient } = await asOpsOk<{ createPatient: { id: string } }>(CREATE_PATIENT, {
      i: { siteId: home.id, mrn: newMrn(), firstName: 'Olive', lastName: 'Overdue', dateOfBirth: '1960-01-01', sex: 'F', weightKg: 64 },
    });
    const startsOn = addDays(localDate(new Date(), home.timeZone), -30);
    const { createOrder } = await asOpsOk<{ createOrder: { id: string } }>(CREATE_ORDER, {
      i: {
        patientId: createPatient.id, productId: world.products.find((p) => p.key === 'zoledronic')!.id, regimen: 'zoledronicOsteo',
        diagnosisCode: 'M81.0', indication: 'Osteoporosis', referringProvider: { name: 'Dr. Ames', npi: '1234567893' }, startsOn,
      },
    });
    const { site } = await asOpsOk<{ site: { overdueDoses: { order: { id: string }; doseNumber: number; dueOn: string; windowEndsOn: string; daysOverdue: number }[] } }>(
      'query($id: ID!) { site(id: $id) { overdueDoses { order { id } doseNumber dueOn windowEndsOn daysOverdue } } }',
      { id: home.id },
    );
    const mine = site.overdueDoses.find((d) => d.order.id === createOrder.id);
    // Zoledronic acid's window is ±30 days: due 30 days ago, so its window ends today — not overdue yet.
    expect(mine).toBeUndefined();
    const later = await asOpsOk<{ site: { overdueDoses: { order: { id: string }; doseNumber: number; daysOverdue: number }[] } }>(
      'query($id: ID!, $asOf: LocalDate) { site(id: $id) { overdueDoses(asOf: $asOf) { order { id } doseNumber daysOverdue } } }',
      { id: home.id, asOf: addDays(localDate(new Date(), home.timeZone), 5) },
    );
    expect(later.site.overdueDoses.find((d) => d.order.id === createOrder.id)).toEqual({ order: { id: createOrder.id }, doseNumber: 1, daysOverdue: 5 });
    expect(later.site.overdueDoses.every((d) => d.daysOverdue > 0)).toBe(true);

    const { patient } = await asOpsOk<{ patient: { timeline: { kind: string; summary: string; order: { id: string } | null }[] } }>(
      'query($id: ID!) { patient(id: $id) { timeline { kind summary order { id } } } }',
      { id: createPatient.id },
    );
    expect(patient.timeline.map((e) => e.kind).sort()).toEqual(['ORDER_WRITTEN', 'WEIGHED']);
    expect(patient.timeline.find((e) => e.kind === 'ORDER_WRITTEN')!.order).toEqual({ id: createOrder.id });
  });
});
