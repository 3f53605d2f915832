/**
 * `npm start`: the whole platform on this machine, data kept under `.data/`.
 * `npm run seed` (`--seed-only`): migrate and seed, start nothing.
 * GATEWAY_PORT moves the gateway; INFUSION_DATA_DIR and INFUSION_PORT_OFFSET run a second copy
 * beside the first (and the tests).
 */
import { join, resolve } from 'node:path';
import { REPO_ROOT, portsWithOffset, startStack } from './stack';

/** `GATEWAY_PORT` moves the gateway alone (DESIGN section 7). */
function gatewayPort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`GATEWAY_PORT must be a port number, not "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const seedOnly = process.argv.includes('--seed-only');
  const verbose = process.argv.includes('--verbose') || process.env.VERBOSE === '1';
  const started = Date.now();
  const dataDir = process.env.INFUSION_DATA_DIR ? resolve(process.env.INFUSION_DATA_DIR) : join(REPO_ROOT, '.data');
  const portOffset = Number(process.env.INFUSION_PORT_OFFSET ?? 0);
  if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 60_000) throw new Error('INFUSION_PORT_OFFSET must be a whole number from 0 to 60000');
  const stack = await startStack({
    dataDir,
    ports: { ...portsWithOffset(portOffset), ...(process.env.GATEWAY_PORT ? { gateway: gatewayPort(process.env.GATEWAY_PORT) } : {}) },
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
  console.log(`  credentials ${stack.credentialsPath}`);
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
