/**
 * `npm start`: the whole platform on this machine, data kept under `.data/`.
 * `npm run seed` (`--seed-only`): migrate and seed, start nothing.
 * GATEWAY_PORT moves the gateway; INFUSION_DATA_DIR and INFUSION_PORT_OFFSET run a second copy
 * beside the first (and the tests).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { REPO_ROOT, portsWithOffset, startStack } from './stack';

/** `GATEWAY_PORT` moves the gateway alone (DESIGN section 7). */
function gatewayPort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`GATEWAY_PORT must be a port number, not "${value}"`);
  return port;
}

/**
 * The key the gateway signs caller contexts with: `CONTEXT_SIGNING_KEY` when given (to run one
 * service by hand against a running gateway), else a new one per start. Either way it is written
 * to `<data>/context-signing-key` (owner-only) so a service started by hand can be given it.
 */
function contextSigningKey(dataDir: string): string {
  const key = process.env.CONTEXT_SIGNING_KEY || randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'context-signing-key'), `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * A ready-to-paste day board: the busiest site on today's date when the demo schedule covers it
 * (it runs from 90 days before to 28 days after the day it was seeded), else on the seeded day.
 */
async function dayBoardExample(ownerUrl: string, anchorDate: string): Promise<string | undefined> {
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset: number) => new Date(Date.parse(`${anchorDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const date = today >= day(-90) && today <= day(28) ? today : anchorDate;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ site_id: string; site_name: string; visits: string }>(
      `select a.site_id, s.name as site_name, count(*) as visits
         from scheduling.appointment a join facilities.site s on s.id = a.site_id
        where a.starts_at >= $1::date and a.starts_at < $1::date + 1
        group by a.site_id, s.name order by count(*) desc, s.name limit 1`,
      [date],
    );
    const busiest = rows[0];
    if (!busiest) return undefined;
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const variables = JSON.stringify({ siteId: busiest.site_id, from: `${date}T00:00:00Z`, to: `${next}T00:00:00Z` });
    return `  day board   ${busiest.site_name}, ${busiest.visits} visits on ${date}: README's DayBoard query with\n              ${variables}`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const seedOnly = process.argv.includes('--seed-only');
  const verbose = process.argv.includes('--verbose') || process.env.VERBOSE === '1';
  // scripts/start.js passes when `npm start` began, so the total includes the build.
  const started = Number(process.env.INFUSION_STARTED_AT) || Date.now();
  const dataDir = process.env.INFUSION_DATA_DIR ? resolve(process.env.INFUSION_DATA_DIR) : join(REPO_ROOT, '.data');
  const portOffset = Number(process.env.INFUSION_PORT_OFFSET ?? 0);
  if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 60_000) throw new Error('INFUSION_PORT_OFFSET must be a whole number from 0 to 60000');
  const stack = await startStack({
    dataDir,
    ports: { ...portsWithOffset(portOffset), ...(process.env.GATEWAY_PORT ? { gateway: gatewayPort(process.env.GATEWAY_PORT) } : {}) },
    databaseOnly: seedOnly,
    contextSigningKey: contextSigningKey(dataDir),
    sink: (name, line) => {
      if (verbose || /error|fail|warn/i.test(line)) console.log(`[${name}] ${line}`);
    },
  });
  if (seedOnly) {
    console.log(`database ready: ${stack.database.ownerUrl} (seed ${stack.seed.seed}, anchored ${stack.seed.anchorDate})`);
    await stack.stop();
    return;
  }
  console.log(`\nInfusion Graph is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  gateway     ${stack.gatewayUrl}`);
  console.log(`  console     ${stack.gatewayUrl.replace(/graphql$/, '')}  (ops console; sign in with a demo user from the credentials file)`);
  for (const [name, url] of Object.entries(stack.subgraphUrls)) console.log(`  ${name.padEnd(11)} ${url}`);
  console.log(`  database    ${stack.database.ownerUrl}`);
  console.log(`  demo data   seed ${stack.seed.seed}, schedule around ${stack.seed.anchorDate}`);
  console.log(`  credentials ${stack.credentialsPath}`);
  console.log(`  signing key ${join(dataDir, 'context-signing-key')} (CONTEXT_SIGNING_KEY for a service run by hand)`);
  // A local stack's own token (METRICS_TOKEN, or new each start): whoever started it may read its metrics.
  console.log(`  metrics     curl -H 'Authorization: Bearer ${stack.metricsToken}' ${stack.subgraphUrls.facilities.replace(/\/graphql$/, '/metrics')}`);
  const example = await dayBoardExample(stack.database.ownerUrl, stack.seed.anchorDate).catch(() => undefined);
  if (example) console.log(example);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    const started = Date.now();
    await stack.stop();
    console.log(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
