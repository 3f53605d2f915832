/**
 * `npm start`: the whole platform on this machine, data kept under `.data/`.
 * `npm run seed` (`--seed-only`): migrate and seed, start nothing.
 */
import { join } from 'node:path';
import { REPO_ROOT, startStack } from './stack';

async function main(): Promise<void> {
  const seedOnly = process.argv.includes('--seed-only');
  const verbose = process.argv.includes('--verbose') || process.env.VERBOSE === '1';
  const started = Date.now();
  const stack = await startStack({
    dataDir: join(REPO_ROOT, '.data'),
    databaseOnly: seedOnly,
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
  for (const [name, url] of Object.entries(stack.subgraphUrls)) console.log(`  ${name.padEnd(11)} ${url}`);
  console.log(`  database    ${stack.database.ownerUrl}`);
  console.log(`  demo data   seed ${stack.seed.seed}, schedule around ${stack.seed.anchorDate}`);
  console.log(`  credentials ${join(REPO_ROOT, '.data', 'demo-credentials.json')}`);
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
