import { readFileSync } from 'node:fs';
import { createLogger } from '@infusion/subgraph-kit/logger';
import { exitCleanlyOnSignals } from '@infusion/subgraph-kit/process';
import { createGateway } from './server';
import { subgraphUrlsFromEnv } from '@infusion/subgraphs';

const log = createLogger('gateway');

/** Gateway process: `GATEWAY_PORT` (default 4000); `SUPERGRAPH_PATH` to serve a pre-composed supergraph. */
async function main(): Promise<void> {
  const port = Number(process.env.GATEWAY_PORT ?? 4000);
  const host = process.env.HOST ?? '127.0.0.1';
  const supergraphSdl = process.env.SUPERGRAPH_PATH ? readFileSync(process.env.SUPERGRAPH_PATH, 'utf8') : undefined;
  const gateway = await createGateway({
    subgraphUrls: subgraphUrlsFromEnv(),
    supergraphSdl,
    contextSigningKey: process.env.CONTEXT_SIGNING_KEY ?? '',
    rateLimitPerMinute: process.env.RATE_LIMIT_PER_MINUTE ? Number(process.env.RATE_LIMIT_PER_MINUTE) : undefined,
    authCacheMs: process.env.AUTH_CACHE_MS ? Number(process.env.AUTH_CACHE_MS) : undefined,
  });
  const url = await gateway.listen(port, host);
  log.info({ url }, `gateway ready at ${url}`);
  exitCleanlyOnSignals('[gateway]', () => gateway.stop());
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'failed to start');
  process.exit(1);
});
