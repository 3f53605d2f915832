import 'reflect-metadata';
import { logger, runSubgraphCli } from '@infusion/subgraph-kit';
import { seedInventory } from './seed';
import { inventory } from './subgraph';

runSubgraphCli(inventory, seedInventory).catch((error: unknown) => {
  logger.error({ err: error }, 'command failed');
  process.exit(1);
});
