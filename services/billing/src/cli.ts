import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedBilling } from './seed';
import { billing } from './subgraph';

runSubgraphCli(billing, seedBilling).catch((error: unknown) => {
  console.error('[billing]', error);
  process.exit(1);
});
