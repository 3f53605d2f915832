import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedScheduling } from './seed';
import { scheduling } from './subgraph';

runSubgraphCli(scheduling, seedScheduling).catch((error: unknown) => {
  console.error('[scheduling]', error);
  process.exit(1);
});
