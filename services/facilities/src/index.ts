import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { facilities } from './subgraph';

runSubgraph(facilities).catch((error: unknown) => {
  console.error('[facilities] failed to start:', error);
  process.exit(1);
});
