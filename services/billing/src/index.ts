import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { billing } from './subgraph';

runSubgraph(billing).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
