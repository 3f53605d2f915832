import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEEP_ALIVE, listenHttp } from './http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { SubgraphClient, SubgraphConnectionError, SubgraphDeadlineError } from './subgraph-client';

const servers: Server[] = [];
const clients: SubgraphClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, keepAliveTimeout = 60_000): Promise<string> {
  const server = createServer({ keepAliveTimeout }, handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');

function client(idleMs?: number): SubgraphClient {
  const made = new SubgraphClient(idleMs);
  clients.push(made);
  return made;
}

const forever = () => new AbortController().signal;

/**
 * A subgraph whose keep-alive timer fires just as the gateway reuses the connection: it reads the
 * next request on a kept-alive connection and closes the connection instead of answering. That
 * is the moment of the race, made to happen every time.
 */
async function serverClosingReusedConnections(): Promise<{ url: string; connections: () => number }> {
  const requestsBySocket = new Map<Socket, number>();
  const url = await serve((req, res) => {
    const seen = (requestsBySocket.get(req.socket) ?? 0) + 1;
    requestsBySocket.set(req.socket, seen);
    if (seen > 1) req.socket.destroy();
    else answer(res);
  });
  return { url, connections: () => requestsBySocket.size };
}

/**
 * A subgraph in its own process that closes idle keep-alive connections after 2 s, as Node's
 * default (5 s) does, and leaves a mark in `dir` when the connection to it closes.
 */
async function subgraphProcess(dir: string): Promise<{ url: string; closed: string; child: ChildProcess }> {
  const closed = join(dir, 'closed');
  const code = `
    const server = require('node:http').createServer({ keepAliveTimeout: 2000 }, (req, res) => {
      req.socket.once('close', () => require('node:fs').writeFileSync(${JSON.stringify(closed)}, ''));
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'));
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}/graphql`, closed, child };
}

/**
 * The keep-alive race, made to happen every time: after one call, the gateway's event loop is
 * busy (a saturated CPU) while the subgraph closes the idle connection; the next call is made as
 * soon as the loop is free, before the gateway has read the subgraph's FIN.
 */
async function callAfterSubgraphClosedIdleConnection(call: (url: string) => Promise<unknown>): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'keep-alive-race-'));
  const subgraph = await subgraphProcess(dir);
  try {
    await call(subgraph.url);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const giveUp = Date.now() + 30_000;
    while (!existsSync(subgraph.closed) && Date.now() < giveUp) {
      // Busy: no I/O is processed here, as on a gateway whose CPU is saturated.
    }
    return await call(subgraph.url).catch((error: unknown) => error);
  } finally {
    subgraph.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the keep-alive race between the gateway and a subgraph', () => {
  it('hangs up a call made on a connection the subgraph closed, with an agent that keeps idle connections forever (the gateway before)', async () => {
    const agent = new Agent({ keepAlive: true });
    const post = (url: string) =>
      new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent }, (res) => res.resume().on('end', resolve));
        req.on('error', reject);
        req.end('{}');
      });
    const outcome = await callAfterSubgraphClosedIdleConnection(post);
    agent.destroy();
    expect((outcome as { code?: string }).code).toBe('ECONNRESET');
  });

  it('does not happen to the gateway’s client, which drops idle connections first (no retry needed)', async () => {
    const subgraphs = client();
    const outcome = await callAfterSubgraphClosedIdleConnection((url) => subgraphs.postJson(url, {}, {}, { signal: forever(), retry: false }));
    expect(outcome).toEqual({ status: 200, json: { data: { ok: true } } });
  });
});

describe('the gateway’s subgraph client', () => {
  it('meets a subgraph closing a kept-alive connection under it as a connection failure, not an answer', async () => {
    const { url } = await serverClosingReusedConnections();
    const subgraphs = client();
    await expect(subgraphs.postJson(url, {}, {}, { signal: forever(), retry: false })).resolves.toEqual({ status: 200, json: { data: { ok: true } } });
    const failure = await subgraphs.postJson(url, {}, {}, { signal: forever(), retry: false }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SubgraphConnectionError);
    expect((failure as SubgraphConnectionError).code).toBe('ECONNRESET');
    expect((failure as SubgraphConnectionError).mayHaveArrived).toBe(true);
  });

  it('sends a request that is safe to repeat once more, on a new connection', async () => {
    const { url, connections } = await serverClosingReusedConnections();
    const subgraphs = client();
    await subgraphs.postJson(url, {}, {}, { signal: forever(), retry: true });
    await expect(subgraphs.postJson(url, {}, {}, { signal: forever(), retry: true })).resolves.toEqual({ status: 200, json: { data: { ok: true } } });
    expect(connections()).toBe(2);
  });

  it('closes an idle connection itself, before the subgraph would', async () => {
    let closedByClient: Promise<boolean> | undefined;
    const url = await serve((req, res) => {
      // The client closing first shows as its FIN ('end') arriving before the socket closes.
      closedByClient ??= new Promise((resolve) => {
        let ended = false;
        req.socket.once('end', () => (ended = true));
        req.socket.once('close', () => resolve(ended));
      });
      answer(res);
    }, 60_000);
    await client(50).postJson(url, {}, {}, { signal: forever(), retry: false });
    expect(await closedByClient).toBe(true);
  });

  it('keeps idle connections for less time than the platform’s servers keep them open', async () => {
    expect(KEEP_ALIVE.clientIdleMs).toBeLessThan(KEEP_ALIVE.serverIdleMs);
    const running = await listenHttp(express(), 0);
    try {
      expect(running.server.keepAliveTimeout).toBe(KEEP_ALIVE.serverIdleMs);
    } finally {
      await running.close();
    }
  });

  it('reports a subgraph nobody listens on as never reached', async () => {
    const url = await serve((_req, res) => answer(res));
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const failure = await client().postJson(url, {}, {}, { signal: forever(), retry: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SubgraphConnectionError);
    expect((failure as SubgraphConnectionError).mayHaveArrived).toBe(false);
  });

  it('gives up at the deadline', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const deadline = new AbortController();
    const pending = client().postJson(url, {}, {}, { signal: deadline.signal, retry: true });
    deadline.abort();
    await expect(pending).rejects.toBeInstanceOf(SubgraphDeadlineError);
  });
});
