import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedIdentity, writeDemoCredentials } from './seed';
import { identity } from './subgraph';

// demo-credentials: write .data/demo-credentials.json again from the seed (no database needed).
runSubgraphCli(identity, seedIdentity, { 'demo-credentials': writeDemoCredentials }).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
