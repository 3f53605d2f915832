import { readFileSync } from 'node:fs';
import { exitCleanlyOnSignals } from '@infusion/subgraph-kit/process';
import { readGatewayConfig } from './config';
import { createGateway } from './server';

/** Gateway process: configured from its environment (see config.ts and the README). */
async function main(): Promise<void> {
  const config = readGatewayConfig();
  const supergraphSdl = config.supergraphPath ? readFileSync(config.supergraphPath, 'utf8') : undefined;
  const gateway = await createGateway({ ...config.options, supergraphSdl });
  const url = await gateway.listen(config.port, config.host);
  console.log(`[gateway] ready at ${url}`);
  exitCleanlyOnSignals('[gateway]', () => gateway.stop());
}

main().catch((error: unknown) => {
  console.error('[gateway] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
