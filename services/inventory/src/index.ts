import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { inventory } from './subgraph';

runSubgraph(inventory).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
