import { randomUUID } from 'node:crypto';
import { addDays } from '@infusion/demo-data';
import { sqlRows } from '@infusion/testkit';
import { CREATE_CLIENT, CREATE_SITE, newClient, newSite } from '../facilities/support';
import { ADD_COVER, ADD_LICENSE, CREATE_SHIFT, CREATE_STAFF, newNurse } from '../staffing/support';
import { platform, seededWorld } from '../../support/platform';
import { asAdmin } from '../../support/auth';
import { asOpsOk, newMrn } from './support';

/**
 * A practice built through the graph's own mutations (facilities, staffing, scheduling) for the
 * booking-rule, series and availability tests: one office (DIRECT supervision) open Monday to
 * Friday 08:00–17:30 Chicago time with a holiday, a second site, nurses that pass or fail
 * qualification for one reason each, a physician covering mornings only, and patients with an
 * infliximab order (authorized) and a natalizumab order (TOUCH REMS, not authorized). Prior
 * authorizations have no mutation (billing receives them from payers): they are written as the owner.
 */
export interface RulesWorld {
  clientId: string;
  siteId: string;
  otherSiteId: string;
  timeZone: string;
  chairIds: string[];
  otherSiteChairId: string;
  nurse: string;
  nurseWithoutShift: string;
  nurseLicensedElsewhere: string;
  nurseWithoutCompetency: string;
  providerId: string;
  patientId: string;
  orderId: string;
  remsPatientId: string;
  remsOrderId: string;
  authorizationId: string;
  /** A Tuesday at least a week ahead, the Wednesday after it (a holiday), and the Saturday after. */
  day: string;
  holiday: string;
  saturday: string;
  /** Open days from `day` on which the nurses work 07:30–18:00 and the physician covers 07:30–12:00 (the holiday is rostered too, but closed). */
  rosteredDays: string[];
}

const isoWeekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

/** A patient of the world's site with an order for `regimen` of `drug` starting on `startsOn`; external referral. */
export async function newOrder(world: RulesWorld, drug: string, regimen: string, startsOn: string): Promise<{ patientId: string; orderId: string }> {
  const { createPatient } = await asOpsOk<{ createPatient: { id: string } }>('mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }', {
    i: { siteId: world.siteId, mrn: newMrn(), firstName: 'Series', lastName: 'Testpatient', dateOfBirth: '1968-05-01', sex: 'F', weightKg: 70 },
  });
  const { createOrder } = await asOpsOk<{ createOrder: { id: string } }>('mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }', {
    i: {
      patientId: createPatient.id, productId: seededWorld().products.find((p) => p.key === drug)!.id, regimen, diagnosisCode: 'K50.90', indication: "Crohn's disease",
      referringProvider: { name: 'Dr. Jordan Lee', npi: '1234567893' }, startsOn,
    },
  });
  return { patientId: createPatient.id, orderId: createOrder.id };
}

export async function buildRulesWorld(name: string, options: { rosterDays?: number } = {}): Promise<RulesWorld> {
  const ops = await asAdmin();
  const gql = <T>(query: string, variables: Record<string, unknown>) => asOpsOk<T>(query, variables);
  const { createClient } = await gql<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient({ name: `${name} ${randomUUID().slice(0, 8)}` }) });
  const clientId = createClient.id;
  const { createSite } = await gql<{ createSite: { id: string } }>(CREATE_SITE, { i: newSite(clientId) });
  const { createSite: other } = await gql<{ createSite: { id: string } }>(CREATE_SITE, { i: newSite(clientId) });
  const siteId = createSite.id;
  const site = { id: siteId, clientId };

  let day = addDays(new Date().toISOString().slice(0, 10), 8);
  while (isoWeekday(day) !== 2) day = addDays(day, 1);
  const holiday = addDays(day, 1);
  const saturday = addDays(day, 4);

  await gql('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', {
    i: { siteId, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:30' })) },
  });
  await gql('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', {
    i: { siteId: other.id, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:30' })) },
  });
  await gql('mutation($i: SetHoursExceptionInput!) { setHoursException(input: $i) { id } }', { i: { siteId, date: holiday, closed: true, note: 'Test holiday' } });
  const chairIds: string[] = [];
  for (const label of ['Chair A', 'Chair B', 'Chair C']) {
    chairIds.push((await gql<{ addChair: { id: string } }>('mutation($i: AddChairInput!) { addChair(input: $i) { id } }', { i: { siteId, label } })).addChair.id);
  }
  const otherSiteChairId = (await gql<{ addChair: { id: string } }>('mutation($i: AddChairInput!) { addChair(input: $i) { id } }', { i: { siteId: other.id, label: 'Chair Z' } })).addChair.id;

  const competencies = [
    { kind: 'BIOTHERAPY', expiresOn: '2099-12-31' },
    { kind: 'TOUCH_REMS', expiresOn: '2099-12-31' },
  ];
  const nurse = await newNurse(ops, site, { competencies });
  const nurseWithoutShift = await newNurse(ops, site, { competencies });
  const nurseLicensedElsewhere = await newNurse(ops, site, { licenseState: 'WI', competencies });
  const nurseWithoutCompetency = await newNurse(ops, site, { competencies: [] });
  const tag = randomUUID().slice(0, 8);
  const { createStaffMember: provider } = await gql<{ createStaffMember: { id: string } }>(CREATE_STAFF, {
    i: { clientId, homeSiteId: siteId, firstName: 'Pat', lastName: `Physician ${tag}`, role: 'PHYSICIAN', email: `physician.${tag}@example.test`, hourlyCost: '150.00', npi: '1234567893' },
  });

  await gql(ADD_LICENSE, { i: { staffMemberId: provider.id, state: 'IL', number: `MD${tag}`, type: 'MEDICAL', expiresOn: '2099-12-31' } });

  const rosteredDays: string[] = [];
  for (let i = 0; i < (options.rosterDays ?? 14); i++) {
    const date = addDays(day, i);
    if (isoWeekday(date) > 5) continue;
    if (date !== holiday) rosteredDays.push(date);
    for (const staffMemberId of [nurse, nurseLicensedElsewhere, nurseWithoutCompetency]) {
      await gql(CREATE_SHIFT, { i: { siteId, staffMemberId, date, startTime: '07:30', endTime: '18:00' } });
    }
    await gql(ADD_COVER, { i: { siteId, providerId: provider.id, date, startTime: '07:30', endTime: '12:00' } });
  }

  const patient = async () =>
    (
      await gql<{ createPatient: { id: string } }>('mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }', {
        i: { siteId, mrn: newMrn(), firstName: 'Rule', lastName: 'Testpatient', dateOfBirth: '1968-05-01', sex: 'F', weightKg: 70 },
      })
    ).createPatient.id;
  const products = seededWorld().products;
  const order = async (patientId: string, key: string, regimen: string, extra: Record<string, unknown> = {}) =>
    (
      await gql<{ createOrder: { id: string } }>('mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }', {
        i: {
          patientId, productId: products.find((p) => p.key === key)!.id, regimen, diagnosisCode: 'K50.90', indication: "Crohn's disease",
          referringProvider: { name: 'Dr. Jordan Lee', npi: '1234567893' }, startsOn: day, ...extra,
        },
      })
    ).createOrder.id;
  const patientId = await patient();
  const orderId = await order(patientId, 'infliximab', 'infliximabCrohn');
  const remsPatientId = await patient();
  const remsOrderId = await order(remsPatientId, 'natalizumab', 'natalizumabMS', { diagnosisCode: 'G35', indication: 'Multiple sclerosis' });

  // 70 kg × 5 mg/kg = 350 mg of infliximab: 35 units of J1745 per dose.
  const authorizationId = randomUUID();
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into billing.prior_authorization (client_id, id, patient_id, payer_id, site_id, authorization_number, hcpcs_code, approved_units, valid_from, valid_to, status)
     values ($1, $2, $3, (select id from billing.payer order by payer_code limit 1), $4, $5, 'J1745', 1000, $6, $7, 'ACTIVE')`,
    [clientId, authorizationId, patientId, siteId, `PA-${authorizationId.slice(0, 8)}`, addDays(day, -30), addDays(day, 400)],
  );
  return {
    clientId, siteId, otherSiteId: other.id, timeZone: 'America/Chicago', chairIds, otherSiteChairId,
    nurse, nurseWithoutShift, nurseLicensedElsewhere, nurseWithoutCompetency, providerId: provider.id,
    patientId, orderId, remsPatientId, remsOrderId, authorizationId, day, holiday, saturday, rosteredDays,
  };
}

/**
 * A long roster for series and availability (a year of mutations would take minutes): `nurse` on
 * 07:30–18:00 local shifts and the physician covering the same hours, every weekday from tomorrow
 * for `days`, written as the owner in the site's zone (so DST days keep local times).
 */
export async function rosterAsOwner(world: RulesWorld, days: number): Promise<void> {
  const weekdays = `generate_series(current_date + 1, current_date + ${days}, interval '1 day') as d where extract(isodow from d) < 6`;
  const local = (hhmm: string) => `((d::date + time '${hhmm}') at time zone '${world.timeZone}')`;
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into staffing.shift (client_id, id, site_id, staff_member_id, starts_at, ends_at, role)
     select $1, gen_random_uuid(), $2, $3, ${local('07:30')}, ${local('18:00')}, 'RN' from ${weekdays}`,
    [world.clientId, world.siteId, world.nurse],
  );
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into staffing.supervision_coverage (client_id, id, site_id, provider_id, starts_at, ends_at)
     select $1, gen_random_uuid(), $2, $3, ${local('07:30')}, ${local('18:00')} from ${weekdays}`,
    [world.clientId, world.siteId, world.providerId],
  );
}

/** An ACTIVE authorization with ample units for a patient's drug at the world's site, valid `from`..`to`. */
export async function authorize(world: RulesWorld, patientId: string, hcpcsCode: string, from: string, to: string): Promise<void> {
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into billing.prior_authorization (client_id, id, patient_id, payer_id, site_id, authorization_number, hcpcs_code, approved_units, valid_from, valid_to, status)
     values ($1, gen_random_uuid(), $2, (select id from billing.payer order by payer_code limit 1), $3, 'PA-' || substr(md5(random()::text), 1, 12), $4, 1000000, $5, $6, 'ACTIVE')`,
    [world.clientId, patientId, world.siteId, hcpcsCode, from, to],
  );
}

/** Removes the prior authorizations written as the owner (the rest is the client's own, left as history). */
export async function dropAuthorizations(world: RulesWorld): Promise<void> {
  await sqlRows(platform().ownerDatabaseUrl, 'delete from billing.prior_authorization where client_id = $1', [world.clientId]);
}
