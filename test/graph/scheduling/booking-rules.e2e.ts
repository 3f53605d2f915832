import { zonedTime } from '@infusion/demo-data';
import { sqlRows } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../support/platform';
import { asOps, asOpsOk, asWriter, count, schedulingWriter, withDatabase, type GraphqlReply } from './support';
import { buildRulesWorld, dropAuthorizations, type RulesWorld } from './rules-world';

/*
 * The booking rules through the real graph: facts set up with facilities, staffing and scheduling
 * mutations (prior authorizations as the owner: billing has no mutation for them), every refusal a
 * CONFLICT with reason BOOKING_RULE naming each failing rule, and nothing written when refused.
 */

const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id status overrides { ruleCode detail reason overriddenBy } } }';
const RESCHEDULE = 'mutation($i: RescheduleAppointmentInput!) { rescheduleAppointment(input: $i) { id status overrides { ruleCode reason } } }';

let world: RulesWorld;

beforeAll(async () => {
  world = await buildRulesWorld('Booking rules');
}, 180_000);

afterAll(async () => {
  if (world) {
    await sqlRows(platform().ownerDatabaseUrl, "update scheduling.appointment set status = 'CANCELLED', cancel_reason = 'test over' where client_id = $1 and status = 'SCHEDULED'", [world.clientId]);
    await dropAuthorizations(world);
  }
});

type Reply = GraphqlReply<{ bookAppointment: { id: string; status: string; overrides: { ruleCode: string; detail: string; reason: string; overriddenBy: string }[] } }>;

/** A visit of the infliximab order on `date` from `from` to `to` local time, with the qualified nurse in chair A. */
function visit(date: string, from: string, to: string, changes: Record<string, unknown> = {}) {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return {
    clientId: world.clientId,
    siteId: world.siteId,
    chairId: world.chairIds[0],
    nurseId: world.nurse,
    patientId: world.patientId,
    orderId: world.orderId,
    startsAt: zonedTime(date, minutes(from), world.timeZone).toISOString(),
    endsAt: zonedTime(date, minutes(to), world.timeZone).toISOString(),
    ...changes,
  };
}

const rulesOf = (reply: GraphqlReply) => {
  const [error] = reply.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(reply)).toBe('CONFLICT');
  expect(error!.extensions!.reason).toBe('BOOKING_RULE');
  return (error!.extensions!.rules as { code: string; severity: string; why: string; detail: string }[]).map((r) => r.code);
};

const visitsOf = (clientId: string) =>
  withDatabase((db) => count(db, "select count(*) from scheduling.appointment where client_id = $1 and status not in ('CANCELLED', 'RESCHEDULED')", [clientId]));

/** Books as ops (no overrides unless given); expects a refusal naming exactly `codes`, and no row written. */
async function refused(input: Record<string, unknown>, codes: string[]) {
  const before = await visitsOf(world.clientId);
  const reply = (await asOps(BOOK, { i: input })) as Reply;
  expect(rulesOf(reply)).toEqual(codes);
  expect(reply.data ?? null).toBeNull();
  expect(await visitsOf(world.clientId), 'nothing written').toBe(before);
  return reply;
}

describe('booking rules, through the graph', () => {
  it('books a visit inside hours, with a qualified nurse on shift, a supervisor on site and an authorization with units', async () => {
    const reply = (await asOps(BOOK, { i: visit(world.day, '08:30', '11:15') })) as Reply;
    expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
    expect(reply.data!.bookAppointment).toMatchObject({ status: 'SCHEDULED', overrides: [] });
  });

  it('refuses a visit on a closed weekday, past closing, or on a holiday (SITE_CLOSED, hard)', async () => {
    const saturday = await refused(visit(world.saturday, '09:00', '11:45'), ['SITE_CLOSED', 'NURSE_NOT_QUALIFIED', 'SUPERVISION_NOT_COVERED']);
    expect((saturday.errors![0]!.extensions!.rules as { code: string; detail: string }[])[0]).toMatchObject({ code: 'SITE_CLOSED', severity: 'HARD', detail: `The site is closed on ${world.saturday}` });
    await refused(visit(world.rosteredDays[1]!, '16:00', '18:45'), ['SITE_CLOSED', 'NURSE_NOT_QUALIFIED', 'SUPERVISION_NOT_COVERED']);
    await refused(visit(world.holiday, '08:30', '11:15'), ['SITE_CLOSED']);
  });

  it('refuses a chair at another site or out of service before any rule is asked', async () => {
    const before = await visitsOf(world.clientId);
    const other = await asOps(BOOK, { i: visit(world.rosteredDays[2]!, '08:30', '11:15', { chairId: world.otherSiteChairId }) });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'chairId' });
    expect(await visitsOf(world.clientId)).toBe(before);
  });

  it('refuses a nurse without a shift, licensed in another state, or without the drug’s competency (NURSE_NOT_QUALIFIED, hard)', async () => {
    const date = world.rosteredDays[3]!;
    await refused(visit(date, '08:30', '11:15', { nurseId: world.nurseWithoutShift }), ['NURSE_NOT_QUALIFIED']);
    await refused(visit(date, '08:30', '11:15', { nurseId: world.nurseLicensedElsewhere }), ['NURSE_NOT_QUALIFIED']);
    await refused(visit(date, '08:30', '11:15', { nurseId: world.nurseWithoutCompetency }), ['NURSE_NOT_QUALIFIED']);
  });

  it('refuses an afternoon office infusion with no supervising provider on site, unless ops override it with a reason (recorded and audited)', async () => {
    const date = world.rosteredDays[4]!;
    const afternoon = visit(date, '13:00', '15:45');
    await refused(afternoon, ['SUPERVISION_NOT_COVERED']);

    // An API key may not override; a hard rule is never overridden; a blank reason overrides nothing.
    const key = await asWriter(schedulingWriter(world.clientId), BOOK, { i: { ...afternoon, overrides: [{ code: 'SUPERVISION_NOT_COVERED', reason: 'Dr. on call' }] } });
    expect(key.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'overrides' });
    await refused({ ...afternoon, nurseId: world.nurseWithoutShift, overrides: [{ code: 'NURSE_NOT_QUALIFIED', reason: 'short staffed' }, { code: 'SUPERVISION_NOT_COVERED', reason: 'Dr. on call' }] }, ['NURSE_NOT_QUALIFIED']);
    await refused({ ...afternoon, overrides: [{ code: 'SUPERVISION_NOT_COVERED', reason: '   ' }] }, ['SUPERVISION_NOT_COVERED']);

    const since = new Date();
    const reply = (await asOps(BOOK, { i: { ...afternoon, overrides: [{ code: 'SUPERVISION_NOT_COVERED', reason: 'Dr. Lee covers from the next suite' }] } })) as Reply;
    expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
    expect(reply.data!.bookAppointment.overrides).toEqual([
      { ruleCode: 'SUPERVISION_NOT_COVERED', detail: 'No supervising provider is on shift at the site for the whole visit', reason: 'Dr. Lee covers from the next suite', overriddenBy: 'admin@infusiongraph.test' },
    ]);
    const audit = await asOpsOk<{ auditEvents: { edges: { node: { operation: string; entityType: string; entityIds: string[]; clientId: string } }[] } }>(
      'query($from: DateTime!) { auditEvents(from: $from, action: "MUTATION") { edges { node { operation entityType entityIds clientId } } } }',
      { from: since },
    );
    const events = audit.auditEvents.edges.map((e) => e.node).filter((e) => e.operation === 'bookAppointment' && e.clientId === world.clientId);
    expect(events.map((e) => e.entityType).sort()).toEqual(['Appointment', 'BookingOverride']);
    expect(events.find((e) => e.entityType === 'Appointment')!.entityIds).toEqual([reply.data!.bookAppointment.id]);
  });

  it('needs the site enrolled in the drug’s REMS programme (hard), then the referring prescriber’s enrolment confirmed (soft)', async () => {
    const date = world.rosteredDays[5]!;
    const natalizumab = visit(date, '08:30', '10:30', { patientId: world.remsPatientId, orderId: world.remsOrderId });
    await refused(natalizumab, ['REMS_SITE_NOT_ENROLLED', 'REMS_PRESCRIBER_UNVERIFIED', 'PRIOR_AUTH_MISSING']);
    await asOpsOk('mutation($i: EnrolSiteInRemsInput!) { enrolSiteInRems(input: $i) { id } }', { i: { siteId: world.siteId, programme: 'TOUCH', enrolledOn: '2026-01-05' } });
    await refused(natalizumab, ['REMS_PRESCRIBER_UNVERIFIED', 'PRIOR_AUTH_MISSING']);
    const reply = (await asOps(BOOK, {
      i: { ...natalizumab, overrides: [{ code: 'REMS_PRESCRIBER_UNVERIFIED', reason: 'TOUCH prescriber enrolment seen on the portal' }, { code: 'PRIOR_AUTH_MISSING', reason: 'Authorization requested, payer confirmed by phone' }] },
    })) as Reply;
    expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
    expect(reply.data!.bookAppointment.overrides.map((o) => o.ruleCode)).toEqual(['PRIOR_AUTH_MISSING', 'REMS_PRESCRIBER_UNVERIFIED']);
  });

  it('flags an authorization that has lapsed or has too few units left (soft)', async () => {
    const date = world.rosteredDays[6]!;
    const owner = (sql: string) => sqlRows(platform().ownerDatabaseUrl, sql, [world.authorizationId]);
    try {
      await owner(`update billing.prior_authorization set approved_units = 1000, used_units = 980 where id = $1`);
      const short = await refused(visit(date, '08:30', '11:15'), ['PRIOR_AUTH_UNITS_EXHAUSTED']);
      expect((short.errors![0]!.extensions!.rules as { detail: string }[])[0]!.detail).toBe('20 units left, 35 needed');
      await owner(`update billing.prior_authorization set used_units = 0, valid_to = valid_from + 1 where id = $1`);
      await refused(visit(date, '08:30', '11:15'), ['PRIOR_AUTH_MISSING']);
      await owner(`update billing.prior_authorization set valid_to = valid_from + 430, status = 'DENIED' where id = $1`);
      await refused(visit(date, '08:30', '11:15'), ['PRIOR_AUTH_MISSING']);
    } finally {
      await owner(`update billing.prior_authorization set used_units = 0, valid_to = valid_from + 430, status = 'ACTIVE' where id = $1`);
    }
  });

  it('checks the rules when a visit is rescheduled, and leaves the visit where it was when refused', async () => {
    const date = world.rosteredDays[7]!;
    const booked = (await asOpsOk<{ bookAppointment: { id: string } }>(BOOK, { i: visit(date, '08:00', '10:45') })).bookAppointment;
    const late = visit(date, '15:00', '17:45');
    const reply = await asOps(RESCHEDULE, { i: { id: booked.id, startsAt: late.startsAt, reason: 'Patient asked for later' } });
    expect(rulesOf(reply)).toEqual(['SITE_CLOSED', 'SUPERVISION_NOT_COVERED']);
    const still = await asOpsOk<{ appointment: { status: string; startsAt: string } }>('query($id: ID!) { appointment(id: $id) { status startsAt } }', { id: booked.id });
    expect(still.appointment).toEqual({ status: 'SCHEDULED', startsAt: visit(date, '08:00', '10:45').startsAt });

    const afternoon = visit(date, '13:00', '15:45');
    const moved = await asOpsOk<{ rescheduleAppointment: { status: string; overrides: { ruleCode: string; reason: string }[] } }>(RESCHEDULE, {
      i: { id: booked.id, startsAt: afternoon.startsAt, reason: 'Patient asked for later', overrides: [{ code: 'SUPERVISION_NOT_COVERED', reason: 'NP on site' }] },
    });
    expect(moved.rescheduleAppointment).toMatchObject({ status: 'SCHEDULED', overrides: [{ ruleCode: 'SUPERVISION_NOT_COVERED', reason: 'NP on site' }] });
  });
});
