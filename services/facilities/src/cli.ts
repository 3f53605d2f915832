import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedFacilities } from './seed';
import { facilities } from './subgraph';

runSubgraphCli(facilities, seedFacilities).catch((error: unknown) => {
  console.error('[facilities]', error);
  process.exit(1);
});
