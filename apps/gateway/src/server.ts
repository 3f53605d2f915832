import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind, type GraphQLDataSourceProcessOptions } from '@apollo/gateway/dist/datasources/types';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { CONTEXT_HEADER, signCallerContext, signingKey, type Principal } from '@infusion/subgraph-kit/auth';
import { createErrorFormatter } from '@infusion/subgraph-kit/errors';
import { logger } from '@infusion/subgraph-kit/logger';
import express from 'express';
import { Authenticator } from './authenticate';
import { composeSupergraph } from './compose';
import { queryLimitsPlugin, type QueryLimits } from './limits';
import { RateLimiter, type RateBudget } from './rate-limit';
import { valueCompletionErrors } from './value-completion';
import type { SubgraphName } from '@infusion/subgraphs';

/** What the gateway knows about the caller of one operation. */
export interface GatewayContext {
  requestId: string;
  remoteAddress: string;
  principal: Principal;
  rateBudget: RateBudget;
  /** Signed once per operation, sent with every subgraph call it makes. */
  signedContext?: Promise<string>;
}

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  /** A pre-composed supergraph (e.g. infra/supergraph.graphql); composed from the committed SDLs if absent. */
  supergraphSdl?: string;
  /** Shared secret for the caller contexts the subgraphs verify. */
  contextSigningKey: string;
  /** Operations per caller per minute. */
  rateLimitPerMinute?: number;
  limits?: QueryLimits;
  /** How long an authenticated credential is trusted before identity is asked again (revocation delay). */
  authCacheMs?: number;
}

export interface Gateway {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Sends the signed caller context (who, which clients, which scopes) with every subgraph call. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly key: Uint8Array,
  ) {
    super({ url });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Health checks and schema loading carry no incoming operation (shared/STACK.md).
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { context, request } = options;
    context.signedContext ??= signCallerContext(
      { principal: context.principal, requestId: context.requestId, remoteAddress: context.remoteAddress },
      this.key,
    );
    request.http?.headers.set(CONTEXT_HEADER, await context.signedContext);
    request.http?.headers.set('x-request-id', context.requestId);
  }
}

/**
 * @apollo/gateway refuses a supergraph whose `for: SECURITY` features it cannot enforce, which is
 * the safe default. Here the subgraphs enforce `@authenticated` and `@requiresScopes` themselves
 * on the gateway-signed context, so the gateway loads them as plain documentation. The committed
 * infra/supergraph.graphql keeps `for: SECURITY`, so a router would enforce them too.
 */
export function withSubgraphEnforcedSecurity(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY\)/g,
    '$1)',
  );
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const key = signingKey(options.contextSigningKey);
  const authenticator = new Authenticator(options.subgraphUrls.identity, key, options.authCacheMs);
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? 600, 60);
  const supergraphSdl = withSubgraphEnforcedSecurity(options.supergraphSdl ?? composeSupergraph(options.subgraphUrls).supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ url }) => new SubgraphDataSource(url!, key),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    logger,
    // Our process stops the server on signals. Apollo's own handler races ours, and a second
    // stop() while one is running never resolves in @apollo/server 5.
    stopOnTerminationSignals: false,
    plugins: [
      queryLimitsPlugin(options.limits ?? { maxDepth: 12, maxComplexity: 10_000 }),
      valueCompletionErrors(),
      {
        // The caller's remaining budget travels with every answer.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind !== 'single' || !contextValue.rateBudget) return;
              response.body.singleResult.extensions = { ...response.body.singleResult.extensions, rateLimit: contextValue.rateBudget };
              response.http.headers.set('x-ratelimit-limit', String(contextValue.rateBudget.limit));
              response.http.headers.set('x-ratelimit-remaining', String(contextValue.rateBudget.remaining));
            },
          };
        },
      },
    ],
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
      context: async ({ req }): Promise<GatewayContext> => {
        const requestId = randomUUID();
        const remoteAddress = req.ip ?? 'unknown';
        const principal = await authenticator.principalFor(req.headers.authorization, requestId, remoteAddress);
        const rateBudget = limiter.take(principal.kind === 'ANONYMOUS' ? `ip:${remoteAddress}` : `${principal.kind}:${principal.id}`);
        return { requestId, remoteAddress, principal, rateBudget };
      },
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
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      await apollo.stop();
    },
  };
}
