import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedInventory } from './seed';
import { inventory } from './subgraph';

runSubgraphCli(inventory, seedInventory).catch((error: unknown) => {
  console.error('[inventory]', error);
  process.exit(1);
});
