import 'reflect-metadata';
import { runSubgraph } from '@infusion/subgraph-kit';
import { scheduling } from './subgraph';

runSubgraph(scheduling).catch((error: unknown) => {
  console.error('[scheduling] failed to start:', error);
  process.exit(1);
});
