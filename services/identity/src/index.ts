import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { identity } from './subgraph';

runSubgraph(identity).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
