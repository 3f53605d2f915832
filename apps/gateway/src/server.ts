import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { signingKey, type Principal } from '@infusion/subgraph-kit/auth';
import { createErrorFormatter, unauthenticated } from '@infusion/subgraph-kit/errors';
import { answerUnhandledAsJson, graphqlBody, listenHttp, SubgraphClient, type RunningHttpServer } from '@infusion/subgraph-kit/http';
import { logger } from '@infusion/subgraph-kit/logger';
import type { SubgraphName } from '@infusion/subgraphs';
import express from 'express';
import { GraphQLError } from 'graphql';
import { Authenticator } from './authenticate';
import { composeSupergraph } from './compose';
import { SubgraphDataSource, type OperationCallContext } from './data-source';
import { assertVariablesValid, DEFAULT_QUERY_LIMITS, operationCost, operationShape, type QueryLimits } from './limits';
import { operationGate } from './operation-gate';
import { RateLimiter, type RateBudget } from './rate-limit';
import { nameArguments, responseMediaType, statusWithoutData } from './responses';
import { useFastResultShaping } from './result-shaping';
import { deadlineExceeded } from './unavailable';
import { valueCompletionErrors } from './value-completion';
import { consoleRoutes } from './console/routes';
import { authorizationFor } from './console/session';

/** What the gateway knows about the caller of one operation. */
export interface GatewayContext extends OperationCallContext {
  /** Whose budget the operation is charged to: the credential's owner, or the address when anonymous. */
  rateKey: string;
  rateBudget: RateBudget;
}

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  /** A pre-composed supergraph (e.g. infra/supergraph.graphql); composed from the committed SDLs if absent. */
  supergraphSdl?: string;
  /** Shared secret for the caller contexts the subgraphs verify. */
  contextSigningKey: string;
  /** Cost points (see limits.ts) each caller may spend per minute. */
  rateLimitPerMinute?: number;
  /** Failed credentials one address may present per minute. */
  failedCredentialsPerMinute?: number;
  limits?: Partial<QueryLimits>;
  /** How long an authenticated credential is trusted before identity is asked again (revocation delay). */
  authCacheMs?: number;
  /** Every operation answers within this time, SERVICE_UNAVAILABLE (DEADLINE_EXCEEDED) if need be. */
  requestTimeoutMs?: number;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). Without any, the
   * caller's address is the connection's, whatever headers say.
   */
  trustedProxies?: string[];
  /** The built ops console (apps/console/dist), served at / when present. */
  consoleDir?: string;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface Gateway {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
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

const isAnonymous = (principal: Principal) => principal.kind === 'ANONYMOUS';

/**
 * Decides, once the operation is validated and before any subgraph is called: anonymous callers
 * may not introspect; the variables must be valid and the cost within the limit (its shape was
 * checked before validation, see operation-gate.ts); and the caller's budget is charged the cost.
 */
function operationPolicy(limits: QueryLimits, limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema, contextValue }) {
          if (!operation) return;
          if (isAnonymous(contextValue.caller.principal) && operationShape(document, operation).introspects) {
            throw unauthenticated('Sign in, or send an API key, to introspect the schema', 401);
          }
          assertVariablesValid(schema, operation, request.variables);
          const cost = operationCost(schema, document, operation, request.variables, limits);
          // The request paid 1 to be admitted; the rest of its cost now.
          const budget = limiter.take(contextValue.rateKey, Math.max(0, cost - 1));
          contextValue.rateBudget = { ...budget, cost };
        },
      };
    },
  };
}

/**
 * Shapes every answer: an operation past its deadline answers one SERVICE_UNAVAILABLE error; a
 * request that never executed gets the status the GraphQL-over-HTTP spec asks for its media type
 * (never 500 for the caller's mistake) and names the argument a literal error is about; and the
 * caller's remaining budget travels with every answer.
 */
function responsePolicy(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, request, document }) {
          if (response.body.kind !== 'single') return;
          const body = response.body;
          if (contextValue.deadline.aborted && body.singleResult.errors?.length) {
            const error = deadlineExceeded(!contextValue.mutationSent);
            const { http: _http, ...extensions } = error.extensions;
            body.singleResult = { errors: [{ message: error.message, extensions }], extensions: body.singleResult.extensions };
          }
          const result = body.singleResult;
          if (result.data === undefined && result.errors?.length) {
            const mediaType = responseMediaType(request.http?.headers.get('accept'));
            const declared = response.http.status;
            // Statuses Apollo Server or we chose on purpose (405, 406, 415, 429, …) stand.
            if (declared === undefined || declared === 200 || declared === 400 || declared === 500) {
              response.http.status = statusWithoutData(result.errors[0], mediaType, declared);
            }
            response.http.headers.set('content-type', mediaType);
            result.errors = nameArguments([...result.errors], document).map((e) =>
              e.extensions?.reason === 'PERSISTED_QUERY_NOT_SUPPORTED' ? { ...e, message: 'Persisted queries are not supported; send the query text' } : e,
            );
          }
          if (contextValue.rateBudget) {
            result.extensions = { ...result.extensions, rateLimit: contextValue.rateBudget };
            response.http.headers.set('x-ratelimit-limit', String(contextValue.rateBudget.limit));
            response.http.headers.set('x-ratelimit-remaining', String(contextValue.rateBudget.remaining));
          }
        },
      };
    },
  };
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const key = signingKey(options.contextSigningKey);
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const rateLimitPerMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (rateLimitPerMinute < limits.maxComplexity) {
    throw new Error(`The rate limit (${rateLimitPerMinute} a minute) must allow at least one operation of the largest cost (${limits.maxComplexity})`);
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const client = new SubgraphClient();
  const authenticator = new Authenticator(options.subgraphUrls.identity, key, client, {
    cacheMs: options.authCacheMs,
    failuresPerMinute: options.failedCredentialsPerMinute,
  });
  const limiter = new RateLimiter(rateLimitPerMinute, 60);
  if (!useFastResultShaping()) logger.warn('@apollo/gateway is not the release result-shaping.ts reproduces: its own (slower) result shaping is used');
  const supergraphSdl = withSubgraphEnforcedSecurity(options.supergraphSdl ?? composeSupergraph(options.subgraphUrls).supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    // Both defaulted from NODE_ENV: a query plan (subgraph names, their queries) is never shown
    // to a caller, and the supergraph is always checked when it loads.
    __exposeQueryPlanExperimental: false,
    validateSupergraph: true,
    buildService: ({ name, url }) => new SubgraphDataSource<GatewayContext>(name, url!, client, key, requestTimeoutMs),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's other NODE_ENV defaults pinned (introspection is below): the landing page is
    // Apollo's production one, and no stack traces whatever NODE_ENV is.
    nodeEnv: 'production',
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    logger,
    // Credentials travel only in the Authorization header, never in a cookie, and no CORS header
    // lets another origin read an answer: a forged cross-site request carries no identity, so
    // there is nothing for CSRF to abuse. Apollo's guard would also refuse GET with variables.
    csrfPrevention: false,
    // Who may introspect is operationPolicy's decision (callers with a credential), whatever
    // NODE_ENV says: Apollo Server's default turns introspection off for everyone in production.
    introspection: true,
    // Automatic persisted queries are not offered: nothing here registers them, and each
    // registration would be memory a stranger could fill.
    persistedQueries: false,
    // Bounds parsing (and so validation) before anything else is known of a document.
    parseOptions: { maxTokens: limits.maxTokens },
    // Our process stops the server on signals. Apollo's own handler races ours, and a second
    // stop() while one is running never resolves in @apollo/server 5.
    stopOnTerminationSignals: false,
    // valueCompletionErrors first: the response policy then sees every error.
    plugins: [operationPolicy(limits, limiter), valueCompletionErrors(), responsePolicy()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // The caller's address (audit trail, anonymous rate limit) comes from X-Forwarded-For only
  // when the connection is from a proxy we were told to trust.
  app.set('trust proxy', options.trustedProxies?.length ? options.trustedProxies : false);
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
  const contextFor = async (req: express.Request, authorization: string | undefined): Promise<GatewayContext> => {
    const deadline = AbortSignal.timeout(requestTimeoutMs);
    const requestId = randomUUID();
    const remoteAddress = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const principal = await authenticator.principalFor(authorization, requestId, remoteAddress, deadline);
    const rateKey = isAnonymous(principal) ? `ip:${remoteAddress}` : `${principal.kind}:${principal.id}`;
    // Every request pays at least 1, even one that never parses; its operation pays the rest.
    const rateBudget = limiter.take(rateKey, 1);
    return { caller: { principal, requestId, remoteAddress }, deadline, rateKey, rateBudget };
  };
  app.use(
    '/graphql',
    ...graphqlBody(),
    operationGate(limits),
    expressMiddleware(apollo, {
      // The console's session cookie counts only with its header and from its own origin (console/session.ts).
      context: async ({ req }) => contextFor(req, authorizationFor(req)),
    }),
  );
  app.use(
    consoleRoutes({
      distDir: options.consoleDir,
      forgetCredential: (credential) => authenticator.forget(credential),
      run: async (req, authorization, query, variables) => {
        let contextValue: GatewayContext;
        try {
          contextValue = await contextFor(req, authorization);
        } catch (error) {
          // Refused before the operation (failed credential, rate limit): the same answer /graphql gives.
          if (!(error instanceof GraphQLError)) throw error;
          const { http, ...extensions } = error.extensions as { http?: { status?: number } };
          return { status: http?.status ?? 400, result: { errors: [{ message: error.message, extensions }] } };
        }
        const response = await apollo.executeOperation({ query, variables }, { contextValue });
        if (response.body.kind !== 'single') throw new Error('unexpected incremental answer');
        return { status: response.http.status ?? 200, result: response.body.singleResult };
      },
    }),
  );
  answerUnhandledAsJson(app, (error) => logger.error({ err: error }, 'unhandled HTTP error'));

  let server: RunningHttpServer | undefined;
  return {
    app,
    async listen(port, host = '127.0.0.1') {
      server = await listenHttp(app, port, host);
      return server.url;
    },
    async stop() {
      await server?.close();
      await apollo.stop();
      client.close();
    },
  };
}
