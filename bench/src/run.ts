/**
 * `npm run bench`: boots the real platform (embedded PostgreSQL, six subgraphs, gateway) and
 * measures what users feel. Prints a table and writes bench/results.json
 * (`[{ name, unit, value, baseline?, ratio? }]`, DESIGN section 7).
 *
 * BENCH_REQUESTS (default 300) and BENCH_CONCURRENCY (default 8) size the load runs;
 * BENCH_EVENTS (default 500) the events run.
 */
import { writeFileSync } from 'node:fs';
import { benchOptimisation } from './optimisation';
import { join } from 'node:path';
import { buildDemoWorld, localDate, localDayRange } from '@infusion/demo-data';
import { benchAvailability } from './availability';
import { CONTEXT_HEADER, signCallerContext, signingKey, type Principal } from '@infusion/subgraph-kit/auth';
import {
  countSqlStatements,
  graphql,
  graphqlOk,
  insertChairFixtures,
  metricBySubgraph,
  readDemoCredentials,
  sqlRows,
  startTestPlatform,
  type DemoCredentials,
  type PlatformInfo,
} from '@infusion/testkit';
import { benchFees } from './fees';
import type { Result } from './result';
import { percentile, round } from './timing';

const DAY_BOARD = `query DayBoard($siteId: ID!, $from: DateTime!, $to: DateTime!) {
  site(id: $siteId) { name client { name managementContracts { name } }
    appointments(from: $from, to: $to) { id startsAt status chair { label } nurse { fullName } patient { fullName } order { product { ndc } } } } }`;

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  ${label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stdout.write('\n');
}

/** Runs `total` calls of `call`, `concurrency` at a time; returns sorted latencies and wall time. */
async function load(label: string, total: number, concurrency: number, call: () => Promise<unknown>) {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
        if (latencies.length % 10 === 0 || latencies.length === total) progress(label, latencies.length, total);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/**
 * Events end to end: `retireChair` on EVENTS chairs of 10 fresh clients (facilities called
 * directly, CONCURRENCY at a time), each publishing ChairRetired that the scheduling process
 * handles. Throughput and latency come from the delivery records: publish (in the mutation's
 * transaction) to handled (the handler's commit).
 */
async function benchEvents(info: PlatformInfo, results: Result[]): Promise<void> {
  const fixtures = await insertChairFixtures(info.ownerDatabaseUrl, { clients: 10, chairsPerClient: Math.ceil(EVENTS / 10), name: 'Bench client' });
  const chairIds = fixtures.flatMap((f) => f.chairIds).slice(0, EVENTS);
  const writer: Principal = { kind: 'OPS_USER', id: 'bench', credentialId: null, name: 'bench', role: 'OPERATIONS', clientIds: null, siteIds: null, scopes: ['facilities:write'] };
  let next = 0;
  // A context per call, as the gateway signs them: subgraphs refuse one that lives over 60 s.
  const publishing = await load('retireChair → ChairRetired', chairIds.length, CONCURRENCY, async () => {
    const context = await signCallerContext({ principal: writer, requestId: 'bench-events', remoteAddress: '127.0.0.1' }, signingKey(info.contextSigningKey), 60);
    return graphqlOk(info.subgraphUrls.facilities!, 'mutation($id: ID!) { retireChair(chairId: $id, reason: "bench") { id } }', { id: chairIds[next++] }, { [CONTEXT_HEADER]: context });
  });
  const clientIds = fixtures.map((f) => f.clientId);
  const handled = async () =>
    (await sqlRows<{ n: number }>(info.ownerDatabaseUrl, "select count(*)::int as n from events.delivery where client_id = any($1) and state = 'HANDLED'", [clientIds]))[0]!.n;
  const deadline = Date.now() + 300_000;
  while ((await handled()) < chairIds.length) {
    if (Date.now() > deadline) throw new Error('events bench: not every event was handled within 5 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  const [stats] = await sqlRows<{ seconds: number; p50: number; p95: number }>(
    info.ownerDatabaseUrl,
    `select extract(epoch from max(handled_at) - min(published_at))::float8 as seconds,
            percentile_cont(0.5) within group (order by extract(epoch from handled_at - published_at) * 1000)::float8 as p50,
            percentile_cont(0.95) within group (order by extract(epoch from handled_at - published_at) * 1000)::float8 as p95
     from events.delivery where client_id = any($1)`,
    [clientIds],
  );
  results.push({ name: `retireChair p50 (${CONCURRENCY} concurrent, publishes ChairRetired)`, unit: 'ms', value: round(percentile(publishing.latencies, 50)) });
  results.push({ name: `events end to end: ${chairIds.length} ChairRetired, facilities → scheduling`, unit: 'events/s', value: round(chairIds.length / stats!.seconds) });
  results.push({ name: 'event delivery latency p50 (publish → handled)', unit: 'ms', value: round(stats!.p50) });
  results.push({ name: 'event delivery latency p95 (publish → handled)', unit: 'ms', value: round(stats!.p95) });
}

async function main(): Promise<void> {
  // The gateway's per-caller budget (cost points a minute) would cut the load runs short; these are one caller.
  process.env.RATE_LIMIT_PER_MINUTE = String(1_000_000_000);
  const results: Result[] = [];
  const bootStart = performance.now();
  const { info, stop } = await startTestPlatform();
  results.push({ name: 'platform start with migrations and demo seed', unit: 's', value: round((performance.now() - bootStart) / 1000, 2) });

  try {
    const credentials = readDemoCredentials(info.credentialsPath) as DemoCredentials;
    // Built before any request: seconds of synchronous work between two requests would let the
    // gateway close the kept-alive connection while undici's timers cannot run, and the next
    // POST would go out on a dead socket ("other side closed").
    const world = buildDemoWorld(info.seed, info.anchorDate);
    const admin = credentials.ops[0]!;

    // Sign-in cost is dominated by argon2id on purpose; measured sequentially.
    const signIns: number[] = [];
    let token = '';
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      token = (await graphqlOk<{ signIn: { token: string } }>(info.gatewayUrl, SIGN_IN, admin)).signIn.token;
      signIns.push(performance.now() - t);
    }
    signIns.sort((a, b) => a - b);
    results.push({ name: 'sign-in (argon2id) p50, sequential', unit: 'ms', value: round(percentile(signIns, 50)) });

    // A failed sign-in must take as long for an unknown email as for a known one (no account
    // enumeration by timing); the ratio should stay near 1. Ten of each stays under the
    // per-address failure budget of the throttle.
    const failedSignIn = async (email: string) => {
      const t = performance.now();
      await graphql(info.gatewayUrl, SIGN_IN, { email, password: 'not-the-password-1' });
      return performance.now() - t;
    };
    const knownFailures: number[] = [];
    const unknownFailures: number[] = [];
    for (let i = 0; i < 10; i++) {
      knownFailures.push(await failedSignIn(credentials.ops[3]!.email));
      unknownFailures.push(await failedSignIn(`nobody-${i}@infusiongraph.test`));
    }
    const knownP50 = percentile(knownFailures.sort((a, b) => a - b), 50);
    const unknownP50 = percentile(unknownFailures.sort((a, b) => a - b), 50);
    results.push({ name: 'failed sign-in p50, known email', unit: 'ms', value: round(knownP50) });
    results.push({ name: 'failed sign-in p50, unknown email (vs known)', unit: 'ms', value: round(unknownP50), baseline: round(knownP50), ratio: round(unknownP50 / knownP50, 2) });
    const asAdmin = { authorization: `Bearer ${token}` };

    const busiest = world.sites.reduce((a, b) =>
      world.appointments.filter((x) => x.siteId === b.id).length > world.appointments.filter((x) => x.siteId === a.id).length ? b : a,
    );
    const first = world.appointments.find((a) => a.siteId === busiest.id && a.status === 'SCHEDULED')!;
    const day = localDate(first.startsAt, busiest.timeZone);
    const oneDay = { siteId: busiest.id, ...localDayRange(day, busiest.timeZone, 1) };
    const twoWeeks = { siteId: busiest.id, ...localDayRange(day, busiest.timeZone, 14) };
    type Board = { site: { appointments: unknown[] } };

    await graphqlOk(info.gatewayUrl, DAY_BOARD, oneDay, asAdmin); // warm-up
    const small = await countSqlStatements(info, () => graphqlOk<Board>(info.gatewayUrl, DAY_BOARD, oneDay, asAdmin));
    const large = await countSqlStatements(info, () => graphqlOk<Board>(info.gatewayUrl, DAY_BOARD, twoWeeks, asAdmin));
    results.push({ name: `day board SQL statements (1 day, ${small.result.site.appointments.length} appointments)`, unit: 'statements', value: small.total });
    results.push({
      name: `day board SQL statements (14 days, ${large.result.site.appointments.length} appointments)`,
      unit: 'statements',
      value: large.total,
      baseline: small.total,
      ratio: round(large.total / small.total, 2),
    });

    // What one user feels: one request at a time.
    const sequential = await load('day board 1 day (one at a time)', 50, 1, () => graphqlOk(info.gatewayUrl, DAY_BOARD, oneDay, asAdmin));
    results.push({ name: 'day board 1 day p50 (one at a time, ops session)', unit: 'ms', value: round(percentile(sequential.latencies, 50)) });
    results.push({ name: 'day board 1 day p95 (one at a time, ops session)', unit: 'ms', value: round(percentile(sequential.latencies, 95)) });

    for (const [label, variables] of [['1 day', oneDay], ['14 days', twoWeeks]] as const) {
      const run = await load(`day board ${label} (ops session)`, REQUESTS, CONCURRENCY, () => graphqlOk(info.gatewayUrl, DAY_BOARD, variables, asAdmin));
      results.push({ name: `day board ${label} p50 (${CONCURRENCY} concurrent, ops session)`, unit: 'ms', value: round(percentile(run.latencies, 50)) });
      results.push({ name: `day board ${label} p95 (${CONCURRENCY} concurrent, ops session)`, unit: 'ms', value: round(percentile(run.latencies, 95)) });
      results.push({ name: `day board ${label} throughput (ops session)`, unit: 'requests/s', value: round(REQUESTS / run.seconds) });
    }

    // A client practice's read key on its own site: API-key authentication and the tenant filters.
    const clientKey = credentials.apiKeys.find((k) => k.clientId === busiest.clientId && k.name.endsWith('read-only integration'));
    if (clientKey) {
      const asClient = { authorization: `Bearer ${clientKey.key}` };
      const run = await load('day board 1 day (client API key)', REQUESTS, CONCURRENCY, () => graphqlOk(info.gatewayUrl, DAY_BOARD, oneDay, asClient));
      results.push({ name: `day board 1 day p50 (${CONCURRENCY} concurrent, client API key)`, unit: 'ms', value: round(percentile(run.latencies, 50)) });
      results.push({ name: `day board 1 day p95 (${CONCURRENCY} concurrent, client API key)`, unit: 'ms', value: round(percentile(run.latencies, 95)) });
    }

    // 500 site references in one _entities call, as the gateway sends them, with a signed context.
    const principal: Principal = {
      kind: 'OPS_USER',
      id: 'bench',
      credentialId: null,
      name: 'bench',
      role: 'ADMIN',
      clientIds: null,
      siteIds: null,
      scopes: ['facilities:read'],
    };
    const context = await signCallerContext({ principal, requestId: 'bench', remoteAddress: '127.0.0.1' }, signingKey(info.contextSigningKey));
    const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Site', id: world.sites[i % world.sites.length]!.id }));
    const entities = await countSqlStatements({ subgraphUrls: { facilities: info.subgraphUrls.facilities! }, metricsToken: info.metricsToken }, () =>
      graphqlOk(info.subgraphUrls.facilities!, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { name } } }', { r: representations }, {
        [CONTEXT_HEADER]: context,
      }),
    );
    results.push({ name: '_entities: 500 Site representations, SQL statements (incl. tx and tenant settings)', unit: 'statements', value: entities.total });

    await benchOptimisation(info, results);
    await benchEvents(info, results);
    await benchAvailability(info, results);
    await benchFees(info, results);

    const rss = await metricBySubgraph(info, 'process_resident_memory_bytes');
    const memory = Object.fromEntries(Object.entries(rss).map(([name, bytes]) => [name, round(bytes / 2 ** 20)]));
    const [heaviest, mib] = Object.entries(memory).sort((a, b) => b[1] - a[1])[0]!;
    results.push({ name: `largest subgraph resident memory after load (${heaviest})`, unit: 'MiB', value: mib });
    results.push({ name: 'all subgraphs resident memory after load', unit: 'MiB', value: round(Object.values(memory).reduce((a, b) => a + b, 0)) });
  } finally {
    await stop();
  }

  const nameWidth = Math.max(...results.map((r) => r.name.length));
  console.log(`\n${'benchmark'.padEnd(nameWidth)}  ${'value'.padStart(10)}  unit`);
  for (const r of results) {
    console.log(`${r.name.padEnd(nameWidth)}  ${String(r.value).padStart(10)}  ${r.unit}${r.ratio !== undefined ? `  (×${r.ratio} of ${r.baseline})` : ''}`);
  }
  const target = join(__dirname, '..', 'results.json');
  writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
