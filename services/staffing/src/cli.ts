import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedStaffing } from './seed';
import { staffing } from './subgraph';

runSubgraphCli(staffing, seedStaffing).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
