import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedScheduling } from './seed';
import { scheduling } from './subgraph';

runSubgraphCli(scheduling, seedScheduling).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
