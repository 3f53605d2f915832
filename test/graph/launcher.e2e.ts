import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, portsInUse, portsWithOffset, readDemoCredentials, type StackPorts } from '@infusion/devstack';
import { graphqlOk } from '@infusion/testkit';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * `npm start` as a person uses it, on its own data directory and shifted ports: Ctrl-C (SIGINT to
 * the terminal's whole process group) must stop every process and free every port, a second start
 * must reuse the data, and a launcher killed outright must not leave the next start stuck.
 */

interface Launcher {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const dataDir = mkdtempSync(join(tmpdir(), 'infusion-launcher-'));
const allPorts = (ports: StackPorts) => [ports.postgres, ports.gateway, ...Object.values(ports.subgraphs)];
const servicePorts = (ports: StackPorts) => [ports.gateway, ...Object.values(ports.subgraphs)];

const portsFree = async (ports: number[]) => (await portsInUse(ports)).length === 0;

async function pickFreeOffset(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 20_000 + Math.floor(Math.random() * 20_000);
    if (await portsFree(allPorts(portsWithOffset(offset)))) return offset;
  }
  throw new Error('no free block of ports for the launcher test');
}

function launch(offset: number): Launcher {
  // Its own process group, as a terminal gives a foreground command.
  const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/devstack/dist/start.js')], {
    env: { ...process.env, INFUSION_DATA_DIR: dataDir, INFUSION_PORT_OFFSET: String(offset) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function ready(launcher: Launcher): Promise<void> {
  await until('the launcher reports the platform up', () => {
    if (launcher.child.exitCode !== null) throw new Error(`launcher exited early:\n${launcher.output()}`);
    return launcher.output().includes('Press Ctrl-C to stop.');
  }, 200_000);
}

let running: Launcher | undefined;

afterAll(async () => {
  if (running?.child.exitCode === null) {
    process.kill(-running.child.pid!, 'SIGINT');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('comes up, stops every process on Ctrl-C, restarts on its data (rewriting lost demo credentials), and recovers from a killed launcher', async () => {
    const offset = await pickFreeOffset();
    const ports = portsWithOffset(offset);

    running = launch(offset);
    await ready(running);
    expect(running.output()).toContain('seeding demo data');
    const health = await fetch(`http://127.0.0.1:${ports.gateway}/readyz`);
    expect(health.status).toBe(200);

    process.kill(-running.child.pid!, 'SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).toMatch(/stopped in \d+\.\d s/);
    expect(running.output()).not.toMatch(/stop failed/);
    expect(await portsFree(allPorts(ports))).toBe(true);

    // Second start: same data, no seeding; a deleted credentials file is written again and its
    // keys still open the graph. Then the launcher is killed outright.
    const credentialsPath = join(dataDir, 'demo-credentials.json');
    const before = readFileSync(credentialsPath, 'utf8');
    rmSync(credentialsPath);
    running = launch(offset);
    await ready(running);
    expect(running.output()).not.toContain('seeding demo data');
    expect(readFileSync(credentialsPath, 'utf8')).toBe(before);
    const apiKeys = readDemoCredentials(credentialsPath)?.apiKeys ?? [];
    expect(apiKeys.length).toBeGreaterThan(0);
    const asClient = await graphqlOk<{ clients: { edges: { node: { name: string } }[] } }>(
      `http://127.0.0.1:${ports.gateway}/graphql`,
      '{ clients { edges { node { name } } } }',
      {},
      { authorization: `Bearer ${apiKeys[0]!.key}` },
    );
    expect(asClient.clients.edges.map((e) => e.node.name)).toEqual([apiKeys[0]!.clientName]);
    process.kill(running.child.pid!, 'SIGKILL');
    await running.exited;
    // The services watch their stdin and follow the launcher.
    await until('the killed launcher’s services have exited', () => portsFree(servicePorts(ports)), 15_000);

    // Third start: whatever the killed one left behind (its PostgreSQL) does not block it.
    running = launch(offset);
    await ready(running);
    expect(running.output()).toContain('stopping PostgreSQL left running by an earlier run');
    expect((await fetch(`http://127.0.0.1:${ports.gateway}/readyz`)).status).toBe(200);
    process.kill(-running.child.pid!, 'SIGINT');
    expect(await running.exited).toBe(0);
    expect(await portsFree(allPorts(ports))).toBe(true);
  }, 420_000);
});
