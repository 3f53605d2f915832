import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedBilling } from './seed';
import { billing } from './subgraph';

runSubgraphCli(billing, seedBilling).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
