import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { inventory } from './subgraph';

runSubgraph(inventory).catch((error: unknown) => {
  console.error('[inventory] failed to start:', error);
  process.exit(1);
});
