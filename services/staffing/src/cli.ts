import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedStaffing } from './seed';
import { staffing } from './subgraph';

runSubgraphCli(staffing, seedStaffing).catch((error: unknown) => {
  console.error('[staffing]', error);
  process.exit(1);
});
