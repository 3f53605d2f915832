import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { facilities } from './subgraph';

runSubgraph(facilities).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
