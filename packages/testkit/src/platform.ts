import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS, startStack, type Stack } from '@infusion/devstack';
import { freePort } from './ports';

/** What whole-graph tests get: URLs of the running platform and the seed it was built from. */
export interface PlatformInfo {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  ownerDatabaseUrl: string;
  appDatabaseUrl: string;
  seed: number;
  anchorDate: string;
  /** To sign (or forge) contexts for direct subgraph calls in tests. */
  contextSigningKey: string;
  /** Bearer token the subgraphs' `/metrics` asks for. */
  metricsToken: string;
  /** `.data/demo-credentials.json` of this platform (DESIGN section 7). */
  credentialsPath: string;
}

/**
 * Boots the real platform for a test run: PostgreSQL in a fresh temp directory, every subgraph
 * and the gateway as processes, all on free ports. Output is kept quiet unless TEST_VERBOSE=1.
 */
export async function startTestPlatform(): Promise<{ info: PlatformInfo; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'infusion-test-'));
  const ports = {
    postgres: await freePort(),
    gateway: await freePort(),
    subgraphs: Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const))),
  };
  const verbose = process.env.TEST_VERBOSE === '1';
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      ports,
      ephemeral: true,
      sink: (name, line) => {
        if (verbose) console.log(`[${name}] ${line}`);
      },
      progress: (message) => console.log(`[platform] ${message}`),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    info: {
      gatewayUrl: stack.gatewayUrl,
      subgraphUrls: stack.subgraphUrls,
      ownerDatabaseUrl: stack.database.ownerUrl,
      appDatabaseUrl: stack.database.appUrl,
      seed: stack.seed.seed,
      anchorDate: stack.seed.anchorDate,
      contextSigningKey: stack.contextSigningKey,
      metricsToken: stack.metricsToken,
      credentialsPath: stack.credentialsPath,
    },
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
