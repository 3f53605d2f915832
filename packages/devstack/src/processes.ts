import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Last lines it printed, for error reports. */
  tail(): string;
  stop(): Promise<void>;
}

export type LineSink = (name: string, line: string) => void;

/**
 * V8 flags for every process the stack starts. A large report builds tens of megabytes of
 * short-lived objects (rows, priced lines, the response); with V8's default 16 MB semi-space
 * they outlive a young-generation collection while the request waits on PostgreSQL and get
 * copied and promoted, and billing spent about a third of the fee report's CPU collecting them.
 * A 64 MB semi-space lets them die young; the space grows only in processes that allocate that fast.
 */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/** Spawns a Node script, prefixes its output, and keeps its last lines for when it fails. */
export function startNodeProcess(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, sink: LineSink): ManagedProcess {
  // Its own process group, so a Ctrl-C reaches only the launcher, which stops everything in order;
  // stdin stays open as a lifeline: when the launcher dies, it closes and the child stops (EXIT_WITH_PARENT).
  const child = spawn(process.execPath, [...NODE_FLAGS, script, ...args], {
    env: { ...process.env, ...env, EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 60) lines.shift();
      sink(name, line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    name,
    child,
    tail: () => lines.join('\n'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a Node script to completion; rejects with its output if it fails. */
export async function runNodeScript(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, sink: LineSink): Promise<void> {
  const proc = startNodeProcess(name, script, args, env, sink);
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
  if (code !== 0) throw new Error(`${name} ${args.join(' ')} exited with ${code}:\n${proc.tail()}`);
}

/** Polls a readiness URL until it answers 200, the process dies, or time runs out. */
export async function waitUntilReady(proc: ManagedProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited before it was ready:\n${proc.tail()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs} ms:\n${proc.tail()}`);
}

/** Which of `ports` something on this machine already listens on. */
export async function portsInUse(ports: number[]): Promise<number[]> {
  const { createServer } = await import('node:net');
  const busy: number[] = [];
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) busy.push(port);
  }
  return busy;
}

/** Fails fast with a clear message when something (an earlier run?) already holds a port. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  const busy = await portsInUse(ports);
  if (busy.length) throw new Error(`Port(s) ${busy.join(', ')} already in use: is Infusion Graph (or something else) running already?`);
}
