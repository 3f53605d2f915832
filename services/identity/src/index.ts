import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { identity } from './subgraph';

runSubgraph(identity).catch((error: unknown) => {
  console.error('[identity] failed to start:', error);
  process.exit(1);
});
