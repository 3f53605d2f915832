import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { staffing } from './subgraph';

runSubgraph(staffing).catch((error: unknown) => {
  console.error('[staffing] failed to start:', error);
  process.exit(1);
});
