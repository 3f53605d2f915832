import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '@infusion/testkit';
import { platform, seededWorld } from '../../support/platform';
import { type Practice, deletePractice, insertLot, insertPractice } from './fixtures';
import { argumentsOf, asWriter, codes, count, schedulingWriter, withDatabase } from './support';

/**
 * The visit, from the desk to the administration record: check in, seat, record what was given
 * (lots verified with inventory), complete — all or nothing.
 */

const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id version } }';
const ADVANCE = 'mutation($id: ID!, $s: VisitProgress!) { advanceAppointment(id: $id, status: $s) { id status version } }';
const RECORD = `mutation($i: RecordAdministrationInput!) { recordAdministration(input: $i) {
  id status
  administrations { lotId productId amountGiven amountWasted vialsOpened ivSite lineKind pausedMinutes infusionMinutes pauses { pausedAt resumedAt reason } }
  visitRecord { ivSites { location startedAt removedAt } vitals { systolic diastolic pulse spo2 } reactions { severity description actionTaken } }
} }`;
const NO_SHOW = 'mutation($id: ID!) { recordNoShow(id: $id) { id status } }';

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let practice: Practice;
let lotId: string;
let expiredLotId: string;
let whiteBagLotId: string;
const writer = () => schedulingWriter(practice.clientId);

beforeAll(async () => {
  practice = await insertPractice(8, 'Administration record');
  const productId = seededWorld().products.find((p) => p.key === 'natalizumab')!.id;
  lotId = await insertLot(practice, productId, { expiresOn: '2030-01-01' });
  expiredLotId = await insertLot(practice, productId, { expiresOn: daysAgo(2) });
  whiteBagLotId = await insertLot(practice, productId, { expiresOn: '2030-01-01', patientId: practice.patientIds[7] });
}, 120_000);

afterAll(async () => {
  if (practice) {
    await sqlRows(platform().ownerDatabaseUrl, 'delete from scheduling.visit_record where client_id = $1', [practice.clientId]);
    await sqlRows(platform().ownerDatabaseUrl, 'delete from scheduling.administration where client_id = $1', [practice.clientId]);
    await deletePractice(practice);
  }
});

async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const reply = await asWriter(writer(), query, variables);
  if (reply.errors) throw new Error(JSON.stringify(reply.errors));
  return reply.data as T;
}

/** Visit `n` of the practice (its own chair, nurse and patient), begun an hour ago, checked in and seated. */
async function seatedVisit(n: number) {
  const { bookAppointment } = await ok<{ bookAppointment: { id: string } }>(BOOK, {
    i: {
      clientId: practice.clientId, siteId: practice.siteId, chairId: practice.chairIds[n], nurseId: practice.nurseIds[n],
      patientId: practice.patientIds[n], orderId: practice.orderIds[n], startsAt: minutesFromNow(3).toISOString(), endsAt: minutesFromNow(150).toISOString(),
    },
  });
  // Test setup only: the visit began an hour ago, so what was given can have been given already.
  await sqlRows(platform().ownerDatabaseUrl, `update scheduling.appointment set starts_at = now() - interval '60 minutes' where id = $1`, [bookAppointment.id]);
  await ok(ADVANCE, { id: bookAppointment.id, s: 'CHECKED_IN' });
  await ok(ADVANCE, { id: bookAppointment.id, s: 'IN_CHAIR' });
  return { id: bookAppointment.id };
}

const line = (lotId: string) => ({
  lotId, amountGiven: 300, amountWasted: 0, vialsOpened: 1, startedAt: minutesFromNow(-50).toISOString(), endedAt: minutesFromNow(-5).toISOString(),
  ivSite: 'left forearm', pauses: [{ pausedAt: minutesFromNow(-40).toISOString(), resumedAt: minutesFromNow(-30).toISOString(), reason: 'flushing' }],
});


describe('the administration record', () => {
  it('completes a seated visit with its drug lines, pauses taken out of coded time, IV site, vitals and a reaction', async () => {
    const visit = await seatedVisit(0);
    const { recordAdministration } = await ok<{ recordAdministration: Record<string, unknown> & { administrations: Record<string, unknown>[] } }>(RECORD, {
      i: {
        appointmentId: visit.id,
        lines: [line(lotId)],
        ivSites: [{ location: 'left forearm', startedAt: minutesFromNow(-55).toISOString(), removedAt: minutesFromNow(-2).toISOString() }],
        vitals: [{ takenAt: minutesFromNow(-56).toISOString(), systolic: 128, diastolic: 82, pulse: 71, spo2: 98 }],
        reactions: [{ notedAt: minutesFromNow(-40).toISOString(), severity: 'MILD', description: 'flushing', actionTaken: 'paused 10 minutes' }],
      },
    });
    expect(recordAdministration.status).toBe('COMPLETED');
    expect(recordAdministration.administrations).toEqual([
      expect.objectContaining({ lotId, amountGiven: 300, vialsOpened: 1, ivSite: 'left forearm', lineKind: 'THERAPEUTIC', pausedMinutes: 10, infusionMinutes: 35 }),
    ]);
    expect(recordAdministration.visitRecord).toMatchObject({
      ivSites: [{ location: 'left forearm' }], vitals: [{ systolic: 128, diastolic: 82, pulse: 71, spo2: 98 }], reactions: [{ severity: 'MILD', actionTaken: 'paused 10 minutes' }],
    });
  });

  it('refuses a second record for the same visit (CONFLICT) and writes nothing more', async () => {
    const visit = await seatedVisit(1);
    await ok(RECORD, { i: { appointmentId: visit.id, lines: [line(lotId)] } });
    const again = await asWriter(writer(), RECORD, { i: { appointmentId: visit.id, lines: [line(lotId)] } });
    expect(codes(again)).toEqual(['CONFLICT']);
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.administration where appointment_id = $1', [visit.id])).toBe(1));
  });

  it('refuses an expired lot and another patient’s white-bagged drug, naming the line, and leaves the visit in the chair', async () => {
    const visit = await seatedVisit(2);
    for (const bad of [expiredLotId, whiteBagLotId]) {
      const reply = await asWriter(writer(), RECORD, { i: { appointmentId: visit.id, lines: [line(lotId), line(bad)] } });
      expect(codes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(argumentsOf(reply)).toEqual(['input.lines.1.lotId']);
    }
    await withDatabase(async (db) => {
      expect(await count(db, 'select count(*) from scheduling.administration where appointment_id = $1', [visit.id])).toBe(0);
      expect(await count(db, "select count(*) from scheduling.appointment where id = $1 and status = 'IN_CHAIR'", [visit.id])).toBe(1);
    });
  });

  it('refuses a pause outside its line, naming it', async () => {
    const visit = await seatedVisit(3);
    const bad = { ...line(lotId), pauses: [{ pausedAt: minutesFromNow(-4).toISOString(), resumedAt: minutesFromNow(-1).toISOString() }] };
    const reply = await asWriter(writer(), RECORD, { i: { appointmentId: visit.id, lines: [bad] } });
    expect(argumentsOf(reply)).toEqual(['input.lines.0.pauses']);
  });

  it('answers NOT_FOUND for another client’s visit and records nothing', async () => {
    const visit = await seatedVisit(4);
    const other = seededWorld().clients[0]!;
    const reply = await asWriter(schedulingWriter(other.id), RECORD, { i: { appointmentId: visit.id, lines: [line(lotId)] } });
    expect(codes(reply)).toEqual(['NOT_FOUND']);
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.administration where appointment_id = $1', [visit.id])).toBe(0));
  });
});

describe('missed visits', () => {
  it('records a no-show for a visit that has started, freeing the chair; CONFLICT for a completed one', async () => {
    const visit = await seatedVisit(5);
    // Seated visits cannot be missed; a visit still scheduled can.
    expect(codes(await asWriter(writer(), NO_SHOW, { id: visit.id }))).toEqual(['CONFLICT']);
    await sqlRows(platform().ownerDatabaseUrl, `update scheduling.appointment set status = 'SCHEDULED' where id = $1`, [visit.id]);
    const { recordNoShow } = await ok<{ recordNoShow: { status: string } }>(NO_SHOW, { id: visit.id });
    expect(recordNoShow.status).toBe('NO_SHOW');
  });
});
