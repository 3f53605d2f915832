import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  /** Every line each process printed, one file per process (`gateway.log`, `postgres.log`, …). */
  logDir: string;
}

/** The lines the platform's processes printed so far, by process name (see `PlatformInfo.logDir`). */
export function platformLogs(logDir: string): Record<string, string[]> {
  if (!existsSync(logDir)) return {};
  return Object.fromEntries(
    readdirSync(logDir)
      .filter((file) => file.endsWith('.log'))
      .map((file) => [file.slice(0, -4), readFileSync(join(logDir, file), 'utf8').split('\n').filter(Boolean)]),
  );
}

/**
 * Boots the real platform for a test run: PostgreSQL in a fresh temp directory, every subgraph
 * and the gateway as processes, all on free ports. Each process's output is kept in a file per
 * process under `logDir` (so tests can read the logs) and printed only when TEST_VERBOSE=1.
 */
export async function startTestPlatform(): Promise<{ info: PlatformInfo; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'infusion-test-'));
  const ports = {
    postgres: await freePort(),
    gateway: await freePort(),
    subgraphs: Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const))),
  };
  const verbose = process.env.TEST_VERBOSE === '1';
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      ports,
      ephemeral: true,
      sink: (name, line) => {
        // Synchronous, so a test that caused an error finds its line once the process printed it.
        appendFileSync(join(logDir, `${name.replace(/[^\w.-]/g, '_')}.log`), `${line}\n`);
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
      logDir,
    },
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
