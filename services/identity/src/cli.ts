import 'reflect-metadata';
import { runSubgraphCli } from '@infusion/subgraph-kit';
import { seedIdentity, writeDemoCredentials } from './seed';
import { identity } from './subgraph';

// demo-credentials: write .data/demo-credentials.json again from the seed (no database needed).
runSubgraphCli(identity, seedIdentity, { 'demo-credentials': writeDemoCredentials }).catch((error: unknown) => {
  console.error('[identity]', error);
  process.exit(1);
});
