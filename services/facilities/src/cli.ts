import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedFacilities } from './seed';
import { facilities } from './subgraph';

runSubgraphCli(facilities, seedFacilities).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
