import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPHS, subgraphUrlEnv } from '@infusion/subgraphs';
import pg from 'pg';
import { readDemoCredentials } from './credentials';
import { APP_ROLE, startEmbeddedPostgres, stopOrphanedPostgres, type PostgresServer } from './postgres';
import { assertPortsFree, runNodeScript, startNodeProcess, waitUntilReady, type LineSink, type ManagedProcess } from './processes';

export { REPO_ROOT, SUBGRAPHS };

export interface StackPorts {
  postgres: number;
  gateway: number;
  subgraphs: Record<string, number>;
}

export const DEFAULT_PORTS: StackPorts = {
  postgres: 5433,
  gateway: 4000,
  subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port])),
};

/** The contract ports shifted by `offset`, to run a second copy beside the first. */
export function portsWithOffset(offset: number): StackPorts {
  return {
    postgres: DEFAULT_PORTS.postgres + offset,
    gateway: DEFAULT_PORTS.gateway + offset,
    subgraphs: Object.fromEntries(Object.entries(DEFAULT_PORTS.subgraphs).map(([name, port]) => [name, port + offset])),
  };
}

export interface StackOptions {
  dataDir: string;
  ports?: StackPorts;
  /** Remove the database when the stack stops (tests). */
  ephemeral?: boolean;
  seed?: number;
  /** Day the demo schedule is built around; defaults to today (first run) or the seeded one. */
  anchorDate?: string;
  /** Only prepare the database (migrate and seed), start no servers. */
  databaseOnly?: boolean;
  /** Where process output goes; progress messages go to `progress`. */
  sink?: LineSink;
  /** The secret the gateway signs caller contexts with; a new random one when absent. */
  contextSigningKey?: string;
  progress?: (message: string) => void;
}

export interface Stack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  database: { ownerUrl: string; appUrl: string };
  seed: { seed: number; anchorDate: string };
  /** The secret the gateway signs caller contexts with (new each start). */
  contextSigningKey: string;
  /** Bearer token for the subgraphs' `/metrics` (METRICS_TOKEN, or new each start). */
  metricsToken: string;
  credentialsPath: string;
  stop(): Promise<void>;
}

interface SeedMarker {
  seed: number;
  anchorDate: string;
}

/** The seed marker lives in the database itself, so a wiped data directory re-seeds. */
async function readSeedMarker(ownerUrl: string): Promise<SeedMarker | undefined> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('create table if not exists public.demo_seed (seed integer not null, anchor_date date not null, seeded_at timestamptz not null default now())');
    const { rows } = await client.query<{ seed: number; anchor_date: string }>("select seed, to_char(anchor_date, 'YYYY-MM-DD') as anchor_date from public.demo_seed limit 1");
    return rows[0] ? { seed: rows[0].seed, anchorDate: rows[0].anchor_date } : undefined;
  } finally {
    await client.end();
  }
}

async function writeSeedMarker(ownerUrl: string, marker: SeedMarker): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('insert into public.demo_seed (seed, anchor_date) values ($1, $2)', [marker.seed, marker.anchorDate]);
  } finally {
    await client.end();
  }
}

const script = (...parts: string[]) => join(REPO_ROOT, ...parts);

/**
 * Brings the platform up the way production runs it: a real PostgreSQL, each subgraph's own
 * migrations, the demo seed on first run, every subgraph as its own process, then the gateway.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const ports = options.ports ?? DEFAULT_PORTS;
  const sink: LineSink = options.sink ?? ((name, line) => console.log(`[${name}] ${line}`));
  const progress = options.progress ?? ((message: string) => console.log(message));
  const running: ManagedProcess[] = [];
  let database: PostgresServer | undefined;

  // In reverse order of start: the gateway (whose keep-alive connections hold the subgraphs'
  // servers open), then the subgraphs, then PostgreSQL.
  const stop = async () => {
    const processes = running.splice(0);
    const gateway = processes.filter((p) => p.name === 'gateway');
    await Promise.all(gateway.map((p) => p.stop()));
    await Promise.all(processes.filter((p) => p.name !== 'gateway').map((p) => p.stop()));
    await database?.stop();
    database = undefined;
  };

  // Contexts live a minute, so nothing needs the secret to survive a restart: fresh unless given.
  const contextSigningKey = options.contextSigningKey ?? randomBytes(32).toString('base64url');
  const metricsToken = process.env.METRICS_TOKEN || randomBytes(24).toString('base64url');
  const credentialsPath = join(options.dataDir, 'demo-credentials.json');
  try {
    await assertPortsFree([ports.gateway, ...Object.values(ports.subgraphs)]);
    await stopOrphanedPostgres(options.dataDir, progress);
    await assertPortsFree([ports.postgres]);
    progress(`starting PostgreSQL on port ${ports.postgres} (data in ${options.dataDir})`);
    database = await startEmbeddedPostgres({ dataDir: options.dataDir, port: ports.postgres, ephemeral: options.ephemeral, log: (line) => sink('postgres', line) });
    const ownerEnv = { DATABASE_URL: database.ownerUrl, APP_DB_ROLE: APP_ROLE.user };

    progress('applying migrations');
    await Promise.all(SUBGRAPHS.map((s) => runNodeScript(s.name, script('services', s.name, 'dist', 'cli.js'), ['migrate'], ownerEnv, sink)));

    let marker = await readSeedMarker(database.ownerUrl);
    if (!marker) {
      marker = { seed: options.seed ?? 42, anchorDate: options.anchorDate ?? new Date().toISOString().slice(0, 10) };
      progress(`seeding demo data (seed ${marker.seed}, schedule around ${marker.anchorDate})`);
      const seedEnv = { ...ownerEnv, SEED: String(marker.seed), SEED_ANCHOR_DATE: marker.anchorDate, DEMO_CREDENTIALS_PATH: credentialsPath };
      let done = 0;
      await Promise.all(
        SUBGRAPHS.map(async (s) => {
          await runNodeScript(s.name, script('services', s.name, 'dist', 'cli.js'), ['seed'], seedEnv, sink);
          progress(`  seeded ${s.name} (${++done}/${SUBGRAPHS.length})`);
        }),
      );
      await writeSeedMarker(database.ownerUrl, marker);
    } else if (!readDemoCredentials(credentialsPath)?.ops?.length) {
      // Seeded earlier, file deleted since: the demo credentials derive from the seed alone.
      progress('writing the demo credentials again');
      const env = { SEED: String(marker.seed), SEED_ANCHOR_DATE: marker.anchorDate, DEMO_CREDENTIALS_PATH: credentialsPath };
      await runNodeScript('identity', script('services', 'identity', 'dist', 'cli.js'), ['demo-credentials'], env, sink);
    }

    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${ports.subgraphs[s.name]}/graphql`]));
    const gatewayUrl = `http://localhost:${ports.gateway}/graphql`;
    // Every process learns where every subgraph is: the gateway to plan, subgraphs to verify references.
    const urlEnv = subgraphUrlEnv(subgraphUrls);
    if (!options.databaseOnly) {
      progress('starting subgraphs');
      await Promise.all(
        SUBGRAPHS.map(async (s) => {
          const env = { ...urlEnv, DATABASE_URL: database!.appUrl, PORT: String(ports.subgraphs[s.name]), CONTEXT_SIGNING_KEY: contextSigningKey, METRICS_TOKEN: metricsToken };
          const proc = startNodeProcess(s.name, script('services', s.name, 'dist', 'index.js'), [], env, sink);
          running.push(proc);
          await waitUntilReady(proc, subgraphUrls[s.name]!.replace(/graphql$/, 'readyz'));
        }),
      );
      progress('starting gateway');
      const gateway = startNodeProcess('gateway', script('apps', 'gateway', 'dist', 'index.js'), [], { ...urlEnv, GATEWAY_PORT: String(ports.gateway), CONTEXT_SIGNING_KEY: contextSigningKey }, sink);
      running.push(gateway);
      await waitUntilReady(gateway, gatewayUrl.replace(/graphql$/, 'readyz'));
    }

    // The identity seed wrote the demo users and keys; add where to send them (DESIGN section 7).
    await mkdir(options.dataDir, { recursive: true });
    const seeded = readDemoCredentials(credentialsPath) ?? {};
    await writeFile(credentialsPath, `${JSON.stringify({ gateway: gatewayUrl, ops: seeded.ops ?? [], apiKeys: seeded.apiKeys ?? [] }, null, 2)}\n`, { mode: 0o600 });

    return {
      gatewayUrl,
      subgraphUrls,
      database: { ownerUrl: database.ownerUrl, appUrl: database.appUrl },
      seed: marker,
      contextSigningKey,
      metricsToken,
      credentialsPath,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
