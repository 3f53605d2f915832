/**
 * `npm run bench`: boots the real platform (embedded PostgreSQL, five subgraphs, gateway) and
 * measures what users feel. Prints a table and writes bench/results.json
 * (`[{ name, unit, value, baseline?, ratio? }]`, DESIGN section 7).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoWorld, localDate, localDayRange } from '@infusion/demo-data';
import { countSqlStatements, graphqlOk, startTestPlatform } from '@infusion/testkit';

interface Result {
  name: string;
  unit: string;
  value: number;
  baseline?: number;
  ratio?: number;
}

const DAY_BOARD = `query DayBoard($siteId: ID!, $from: DateTime!, $to: DateTime!) {
  site(id: $siteId) { name client { name managementContracts { name } }
    appointments(from: $from, to: $to) { id startsAt status chair { label } nurse { fullName } patient { fullName } order { product { ndc } } } } }`;

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  ${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stdout.write('\n');
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const bootStart = performance.now();
  const { info, stop } = await startTestPlatform();
  results.push({ name: 'platform start with migrations and demo seed', unit: 's', value: +((performance.now() - bootStart) / 1000).toFixed(2) });

  try {
    const world = buildDemoWorld(info.seed, info.anchorDate);
    const site = world.sites.reduce((a, b) =>
      world.appointments.filter((x) => x.siteId === b.id).length > world.appointments.filter((x) => x.siteId === a.id).length ? b : a,
    );
    const first = world.appointments.find((a) => a.siteId === site.id && a.status === 'SCHEDULED')!;
    const day = localDate(first.startsAt, site.timeZone);
    const oneDay = { siteId: site.id, ...localDayRange(day, site.timeZone, 1) };
    const twoWeeks = { siteId: site.id, ...localDayRange(day, site.timeZone, 14) };

    await graphqlOk(info.gatewayUrl, DAY_BOARD, oneDay); // warm-up
    const small = await countSqlStatements(info.subgraphUrls, () => graphqlOk<{ site: { appointments: unknown[] } }>(info.gatewayUrl, DAY_BOARD, oneDay));
    const large = await countSqlStatements(info.subgraphUrls, () => graphqlOk<{ site: { appointments: unknown[] } }>(info.gatewayUrl, DAY_BOARD, twoWeeks));
    results.push({ name: `day board SQL statements (1 day, ${small.result.site.appointments.length} appointments)`, unit: 'statements', value: small.total });
    results.push({
      name: `day board SQL statements (14 days, ${large.result.site.appointments.length} appointments)`,
      unit: 'statements',
      value: large.total,
      baseline: small.total,
      ratio: +(large.total / small.total).toFixed(2),
    });

    for (const [label, variables] of [['1 day', oneDay], ['14 days', twoWeeks]] as const) {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            next++;
            const t = performance.now();
            await graphqlOk(info.gatewayUrl, DAY_BOARD, variables);
            latencies.push(performance.now() - t);
            if (latencies.length % 10 === 0 || latencies.length === REQUESTS) progress(`day board ${label}`, latencies.length, REQUESTS);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      results.push({ name: `day board ${label} p50 (${CONCURRENCY} concurrent)`, unit: 'ms', value: +percentile(latencies, 50).toFixed(1) });
      results.push({ name: `day board ${label} p95 (${CONCURRENCY} concurrent)`, unit: 'ms', value: +percentile(latencies, 95).toFixed(1) });
      results.push({ name: `day board ${label} throughput`, unit: 'requests/s', value: +(REQUESTS / seconds).toFixed(1) });
    }

    // 500 site references in one _entities call, as the gateway sends them: one SELECT expected.
    const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Site', id: world.sites[i % world.sites.length]!.id }));
    const entities = await countSqlStatements({ facilities: info.subgraphUrls.facilities! }, () =>
      graphqlOk(info.subgraphUrls.facilities!, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { name } } }', { r: representations }),
    );
    results.push({ name: '_entities: 500 Site representations, SQL statements (incl. BEGIN/COMMIT)', unit: 'statements', value: entities.total });
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
