import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { billing } from './subgraph';

runSubgraph(billing).catch((error: unknown) => {
  console.error('[billing] failed to start:', error);
  process.exit(1);
});
