import { readFileSync } from 'node:fs';
import { createLogger } from '@infusion/subgraph-kit/logger';
import { exitCleanlyOnSignals } from '@infusion/subgraph-kit/process';
import { readGatewayConfig } from './config';
import { createGateway } from './server';

const log = createLogger('gateway');

/** Gateway process: configured from its environment (see config.ts and the README). */
async function main(): Promise<void> {
  const config = readGatewayConfig();
  const supergraphSdl = config.supergraphPath ? readFileSync(config.supergraphPath, 'utf8') : undefined;
  const gateway = await createGateway({ ...config.options, supergraphSdl });
  const url = await gateway.listen(config.port, config.host);
  log.info({ url }, `gateway ready at ${url}`);
  exitCleanlyOnSignals('[gateway]', () => gateway.stop());
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'failed to start');
  process.exit(1);
});
