import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedScaleCommand } from './scale/scale-seed';
import { seedBilling } from './seed';
import { billing } from './subgraph';

runSubgraphCli(billing, seedBilling, { 'seed-scale': () => seedScaleCommand(process.argv.slice(3)) }).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
