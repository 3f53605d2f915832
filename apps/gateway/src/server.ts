import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind, type GraphQLDataSourceProcessOptions } from '@apollo/gateway/dist/datasources/types';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createErrorFormatter } from '@infusion/subgraph-kit/errors';
import express from 'express';
import { composeSupergraph } from './compose';
import type { SubgraphName } from './subgraphs';

/** What the gateway knows about the caller of one operation. */
export interface GatewayContext {
  requestId: string;
  remoteAddress: string;
}

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  /** A pre-composed supergraph (e.g. infra/supergraph.graphql); composed from the committed SDLs if absent. */
  supergraphSdl?: string;
}

export interface Gateway {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Passes the request id and the caller's address on to every subgraph call of an operation. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Health checks and schema loading carry no incoming operation (shared/STACK.md).
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { context, request } = options;
    request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set('x-forwarded-for', context.remoteAddress);
  }
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const supergraphSdl = options.supergraphSdl ?? composeSupergraph(options.subgraphUrls).supergraphSdl;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new SubgraphDataSource({ url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        const ready = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(2000) })
          .then((r) => r.ok)
          .catch(() => false);
        return [name, ready] as const;
      }),
    );
    const allReady = checks.every(([, ready]) => ready);
    res.status(allReady ? 200 : 503).json({ status: allReady ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: String(req.headers['x-request-id'] ?? randomUUID()),
        remoteAddress: req.ip ?? 'unknown',
      }),
    }),
  );

  let server: Server | undefined;
  return {
    app,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server = createServer(app);
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host}:${(server!.address() as AddressInfo).port}/graphql`));
      });
    },
    async stop() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await apollo.stop();
    },
  };
}
