import 'reflect-metadata';
import { logger, runSubgraph } from '@infusion/subgraph-kit';
import { staffing } from './subgraph';

runSubgraph(staffing).catch((error: unknown) => {
  logger.error({ err: error }, 'failed to start');
  process.exit(1);
});
