import { randomUUID } from 'node:crypto';
import { addDays, buildDemoWorld } from '@infusion/demo-data';
import { countSqlStatements, graphqlOk, insertChairFixtures, insertMaintenanceOrders, readDemoCredentials, sqlRows, type DemoCredentials, type PlatformInfo } from '@infusion/testkit';
import type { Result } from './result';
import { oneAtATime, percentile, round } from './timing';

const SEARCHES = Number(process.env.BENCH_AVAILABILITY_SEARCHES ?? 30);
const CHAIRS = 10;
const NURSES = 4;
const RANGE_DAYS = 28;

const SLOTS = `query($o: ID!, $s: [ID!]!, $f: LocalDate!, $t: LocalDate!) {
  availableSlots(orderId: $o, siteIds: $s, from: $f, to: $t, first: 20) { rank startsAt chair { id } nurse { id } reasons } }`;
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';


/**
 * A 10-chair office (Chicago, weekdays 08:00–17:30, direct supervision) with four qualified nurses
 * and a physician on shift every weekday for five weeks, half of its chair time already booked,
 * and a natalizumab patient authorized for the period: written as the owner, like the other
 * benchmark fixtures.
 */
async function tenChairSite(info: PlatformInfo) {
  const url = info.ownerDatabaseUrl;
  const [site] = await insertChairFixtures(url, { clients: 1, chairsPerClient: CHAIRS, name: 'Availability bench' });
  const { clientId, siteId, chairIds } = site!;
  const world = buildDemoWorld(info.seed, info.anchorDate);
  const product = world.products.find((p) => p.key === 'natalizumab')!;
  const nurseIds = Array.from({ length: NURSES }, () => randomUUID());
  const providerId = randomUUID();
  const patientIds = Array.from({ length: CHAIRS * 2 + 1 }, () => randomUUID());
  const orderIds = patientIds.map(() => randomUUID());
  const tag = clientId.slice(0, 8);
  const weekdays = "generate_series(current_date + 1, current_date + 35, interval '1 day') as d where extract(isodow from d) < 6";
  const local = (hhmm: string) => `((d::date + time '${hhmm}') at time zone 'America/Chicago')`;

  await sqlRows(url, `insert into facilities.site_weekly_hours (client_id, id, site_id, weekday, opens_at_minutes, closes_at_minutes) select $1, gen_random_uuid(), $2, w, 480, 1050 from generate_series(1, 5) w`, [clientId, siteId]);
  await sqlRows(
    url,
    `insert into staffing.staff_member (client_id, id, home_site_id, first_name, last_name, role, email, npi)
     select $1::uuid, id, $2::uuid, 'Bench', 'Nurse ' || n, 'RN', 'bench.nurse' || n || '.' || $3 || '@example.test', null from unnest($4::uuid[]) with ordinality as s (id, n)
     union all select $1::uuid, $5::uuid, $2::uuid, 'Bench', 'Physician', 'PHYSICIAN', 'bench.md.' || $3 || '@example.test', '1234567893'`,
    [clientId, siteId, tag, nurseIds, providerId],
  );
  await sqlRows(
    url,
    `with licences as (insert into staffing.license (client_id, id, staff_member_id, state, number, type, expires_on)
       select $1, gen_random_uuid(), id, 'IL', 'RN' || substr(id::text, 1, 8), 'REGISTERED_NURSE', current_date + 800 from unnest($2::uuid[]) as id)
     insert into staffing.competency (client_id, id, staff_member_id, kind, expires_on) select $1, gen_random_uuid(), id, $3, current_date + 800 from unnest($2::uuid[]) as id`,
    [clientId, nurseIds, product.requiredCompetency],
  );
  await sqlRows(url, `insert into staffing.shift (client_id, id, site_id, staff_member_id, starts_at, ends_at, role) select $1, gen_random_uuid(), $2, n, ${local('07:30')}, ${local('18:00')}, 'RN' from unnest($3::uuid[]) as n, ${weekdays}`, [clientId, siteId, nurseIds]);
  await sqlRows(url, `insert into staffing.supervision_coverage (client_id, id, site_id, provider_id, starts_at, ends_at) select $1, gen_random_uuid(), $2, $3, ${local('07:30')}, ${local('18:00')} from ${weekdays}`, [clientId, siteId, providerId]);
  await insertMaintenanceOrders(url, { clientId, siteId, productId: product.id, patientIds, orderIds, label: 'BENCH', name: 'Bench', referringProvider: 'Dr. Bench' });
  await sqlRows(
    url,
    `insert into billing.prior_authorization (client_id, id, patient_id, payer_id, site_id, authorization_number, hcpcs_code, approved_units, valid_from, valid_to, status)
     select $1, gen_random_uuid(), p, (select id from billing.payer order by payer_code limit 1), $2, 'PA-' || p::text, $3, 100000, current_date, current_date + 60, 'ACTIVE'
     from unnest($4::uuid[]) as p`,
    [clientId, siteId, product.hcpcsCode, patientIds],
  );
  // Half the chair time booked: each chair holds two two-hour visits a day (08:00 and 12:30), by other patients.
  await sqlRows(
    url,
    `insert into scheduling.appointment (client_id, id, site_id, chair_id, nurse_id, patient_id, order_id, starts_at, ends_at)
     select $1, gen_random_uuid(), $2, c.chair, ($3::uuid[])[1 + (c.n % ${NURSES})], ($4::uuid[])[1 + (c.n - 1) * 2 + s.k], ($5::uuid[])[1 + (c.n - 1) * 2 + s.k],
            ((d::date + s.at) at time zone 'America/Chicago'), ((d::date + s.at + interval '2 hours') at time zone 'America/Chicago')
     from unnest($6::uuid[]) with ordinality as c (chair, n), (values (0, time '08:00'), (1, time '12:30')) as s (k, at), ${weekdays}`,
    [clientId, siteId, nurseIds, patientIds, orderIds, chairIds],
  );
  return { clientId, siteId, orderId: orderIds.at(-1)! };
}

/** Availability search latency for a 4-week range at a 10-chair site, through the gateway as ops. */
export async function benchAvailability(info: PlatformInfo, results: Result[]): Promise<void> {
  const { siteId, orderId } = await tenChairSite(info);
  const admin = (readDemoCredentials(info.credentialsPath) as DemoCredentials).ops[0]!;
  const token = (await graphqlOk<{ signIn: { token: string } }>(info.gatewayUrl, SIGN_IN, admin)).signIn.token;
  const headers = { authorization: `Bearer ${token}` };
  const from = addDays(new Date().toISOString().slice(0, 10), 1);
  const variables = { o: orderId, s: [siteId], f: from, t: addDays(from, RANGE_DAYS - 1) };

  const counted = await countSqlStatements(info, () => graphqlOk<{ availableSlots: unknown[] }>(info.gatewayUrl, SLOTS, variables, headers));
  if (counted.result.availableSlots.length === 0) throw new Error('The availability bench site offered no slot');
  const { latencies } = await oneAtATime(() => graphqlOk(info.gatewayUrl, SLOTS, variables, headers), SEARCHES);
  results.push({ name: `availability search, 4 weeks at a ${CHAIRS}-chair site, p50 (one at a time)`, unit: 'ms', value: round(percentile(latencies, 50)) });
  results.push({ name: `availability search, 4 weeks at a ${CHAIRS}-chair site, p95 (one at a time)`, unit: 'ms', value: round(percentile(latencies, 95)) });
  results.push({ name: 'availability search SQL statements (all subgraphs, 4 weeks, 10 chairs)', unit: 'statements', value: counted.total });
}
