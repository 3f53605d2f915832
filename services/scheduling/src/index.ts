import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { scheduling } from './subgraph';

runSubgraph(scheduling).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
