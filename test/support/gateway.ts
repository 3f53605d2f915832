import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGateway, type GatewayOptions } from '@infusion/gateway/server';
import type { SubgraphName } from '@infusion/subgraphs';
import { platform } from './platform';

/**
 * A second gateway in this test process, in front of the test platform's subgraphs, with its own
 * options (small limits, short deadlines, trusted proxies) or some subgraphs behind a proxy.
 */
export async function startGateway(
  options: Partial<GatewayOptions> = {},
  subgraphUrls: Partial<Record<SubgraphName, string>> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const gateway = await createGateway({
    subgraphUrls: { ...(platform().subgraphUrls as Record<SubgraphName, string>), ...subgraphUrls },
    contextSigningKey: platform().contextSigningKey,
    ...options,
  });
  const url = await gateway.listen(0);
  return { url, stop: () => gateway.stop() };
}

export type ProxyBehaviour =
  /** Forward every request. */
  | 'forward'
  /**
   * Close a kept-alive connection when the next request arrives on it, without forwarding it:
   * what a client meets when a server's keep-alive timer fires as it reuses the connection.
   */
  | 'close-reused-connections'
  /** Read requests and never answer. */
  | 'stall';

export interface SubgraphProxy {
  url: string;
  /** Every request that reached the proxy: its path, body, and whether it was forwarded. */
  requests: { path: string; body: string; forwarded: boolean }[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/** A proxy in front of one subgraph (`target` is its /graphql URL), behaving as told. */
export async function subgraphProxy(target: string, behaviour: ProxyBehaviour): Promise<SubgraphProxy> {
  const origin = new URL(target).origin;
  const requests: SubgraphProxy['requests'] = [];
  const seen = new WeakMap<Socket, number>();
  // Keeps idle connections long enough that the gateway, not the proxy, decides when they end.
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, async (req, res) => {
    const count = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, count);
    const body = await readBody(req);
    const forwarded = behaviour === 'forward' || (behaviour === 'close-reused-connections' && count === 1);
    requests.push({ path: req.url ?? '', body, forwarded });
    if (behaviour === 'stall') return;
    if (!forwarded) {
      req.socket.destroy();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(name))) as Record<string, string>;
    const answer = await fetch(`${origin}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
