import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedIdentity } from './seed';
import { identity } from './subgraph';

runSubgraphCli(identity, seedIdentity).catch((error: unknown) => {
  console.error('[identity]', error);
  process.exit(1);
});
