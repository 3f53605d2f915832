import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runNodeScript, startNodeProcess, waitUntilReady, type ManagedProcess } from '@infusion/devstack';
import { freePort, sqlRows as sql } from '@infusion/testkit';
import { platform } from '../../support/platform';

export interface IsolatedSubgraph {
  process: ManagedProcess;
  url: string;
}

/**
 * Subgraph processes of a test's own, on a database of its own on the test platform's PostgreSQL,
 * for tests that kill and restart consumers (the platform's own processes would otherwise take the
 * deliveries). Each subgraph keeps one port across restarts, and every process learns the ports
 * assigned so far; lines go to `logs/<label>-<name>.log` beside the platform's.
 */
export class IsolatedStack {
  readonly database: string;
  readonly signingKey = randomBytes(32).toString('base64url');
  readonly metricsToken = randomBytes(24).toString('base64url');
  private readonly ports: Record<string, number> = {};
  private readonly running: ManagedProcess[] = [];

  constructor(private readonly label: string) {
    this.database = `${label.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  }

  private readonly sink = (name: string, line: string) => appendFileSync(join(platform().logDir, `${this.label}-${name}.log`), `${line}\n`);

  private urlOf(base: string): string {
    const url = new URL(base);
    url.pathname = `/${this.database}`;
    return url.toString();
  }

  ownerUrl(): string {
    return this.urlOf(platform().ownerDatabaseUrl);
  }

  appUrl(): string {
    return this.urlOf(platform().appDatabaseUrl);
  }

  /** Creates the database and runs the named subgraphs' migrations. */
  async create(subgraphs: string[]): Promise<void> {
    await sql(platform().ownerDatabaseUrl, `create database ${this.database}`);
    await sql(platform().ownerDatabaseUrl, `grant connect on database ${this.database} to infusion_app`);
    const ownerEnv = { DATABASE_URL: this.ownerUrl(), APP_DB_ROLE: 'infusion_app' };
    for (const name of subgraphs) await runNodeScript(name, join(REPO_ROOT, 'services', name, 'dist', 'cli.js'), ['migrate'], ownerEnv, this.sink);
  }

  /** The subgraph's GraphQL URL, its port assigned on first ask (so others can be told before it starts). */
  async urlOfSubgraph(name: string): Promise<string> {
    this.ports[name] ??= await freePort();
    return `http://127.0.0.1:${this.ports[name]}/graphql`;
  }

  async start(name: string, env: Record<string, string> = {}): Promise<IsolatedSubgraph> {
    const url = await this.urlOfSubgraph(name);
    const urls = Object.fromEntries(Object.entries(this.ports).map(([n, port]) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`]));
    const proc = startNodeProcess(
      name,
      join(REPO_ROOT, 'services', name, 'dist', 'index.js'),
      [],
      { DATABASE_URL: this.appUrl(), PORT: String(this.ports[name]), CONTEXT_SIGNING_KEY: this.signingKey, METRICS_TOKEN: this.metricsToken, ...urls, ...env },
      this.sink,
    );
    this.running.push(proc);
    await waitUntilReady(proc, url.replace(/graphql$/, 'readyz'));
    return { process: proc, url };
  }

  /** One counter or gauge of the subgraph's `/metrics`. */
  async metric(subgraph: IsolatedSubgraph, name: string): Promise<number> {
    const text = await (await fetch(subgraph.url.replace(/graphql$/, 'metrics'), { headers: { authorization: `Bearer ${this.metricsToken}` } })).text();
    const match = new RegExp(`^${name}\\{[^}]*\\} ([\\d.]+)$`, 'm').exec(text);
    if (!match) throw new Error(`no ${name} in /metrics`);
    return Number(match[1]);
  }

  /** Stops every process it started and drops the database. */
  async remove(): Promise<void> {
    await Promise.all(this.running.map((p) => p.stop()));
    await sql(platform().ownerDatabaseUrl, `drop database if exists ${this.database} with (force)`);
  }
}
