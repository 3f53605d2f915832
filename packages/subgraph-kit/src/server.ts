import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { getNamedType, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { auditedReadTypes, selectsAnyType } from './audit-reach';
import type { AccessPolicy } from './auth/guard';
import { callerOfRequest, signingKey } from './auth/signed-context';
import { createRequestContext, type RequestContext } from './context';
import { beginWith, openDatabase, type DatabaseDefinition } from './database';
import { createErrorFormatter, serviceUnavailable, unavailableReason, type AppError } from './errors';
import { answerUnhandledAsJson, graphqlBody, listenHttp, requireBearer, type RunningHttpServer } from './http';
import { logger } from './logger';
import { Metrics } from './metrics';
import { buildFederatedSchema, type FederatedSchemaOptions } from './schema';
import type { DatabaseBounds, SubgraphConfig } from './config';
import type { SubgraphName } from '@infusion/subgraphs';
import { SubgraphClient } from './subgraph-client';
import { tenantSettingsInlineSql } from './tenancy';

/** Everything that makes one subgraph: its name, contract port, database and GraphQL surface. */
export interface SubgraphDefinition {
  /** Its name in the subgraph registry, which also gives its contract port (`PORT` overrides it). */
  name: SubgraphName;
  database: DatabaseDefinition;
  schema: FederatedSchemaOptions;
  /** Default scopes: Query fields and `_entities` need `read`, Mutation fields `write`. */
  access: AccessPolicy;
  /** Entities whose every read is audited (patient data). */
  auditedReads?: (abstract new (...args: never[]) => unknown)[];
  /** Extra HTTP routes beside /graphql (e.g. identity's internal credential check). */
  routes?: (app: express.Express, deps: { orm: MikroORM; signingKey: Uint8Array; bounds: DatabaseBounds }) => void;
  /** Events between subgraphs (packages/events `subgraphEvents`). */
  events?: SubgraphEventsHook;
}

/**
 * How packages/events plugs into a subgraph: the queue's setup runs with `migrate` (owner role),
 * the delivery worker starts with the server and stops before the database closes.
 */
export interface SubgraphEventsHook {
  migrate(databaseUrl: string, appRole: string | undefined): Promise<void>;
  start(deps: { orm: MikroORM; databaseUrl: string; metrics: Metrics; bounds: DatabaseBounds }): Promise<{ stop(): Promise<void> }>;
}

export interface SubgraphServer {
  app: express.Express;
  orm: MikroORM;
  metrics: Metrics;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

type Constructor = abstract new (...args: never[]) => unknown;

interface Identified {
  id: string;
  clientId?: string | null;
}

const isIdentified = (item: unknown): item is Identified =>
  typeof item === 'object' && item !== null && typeof (item as Identified).id === 'string';

/**
 * The entities a field returned (one or a list), for the audit trail. A payload without an id
 * (e.g. `{ apiKey, secret }`) is looked into one level deep; secrets are never recorded.
 */
function returnedEntities(result: unknown): Identified[] {
  const items = Array.isArray(result) ? result : [result];
  return items.flatMap((item) => {
    if (isIdentified(item)) return [item];
    if (typeof item !== 'object' || item === null) return [];
    return Object.values(item).filter(isIdentified);
  });
}

/**
 * One operation's database transaction, bounded. Begun before execution with the caller's tenant
 * settings and the statement and idle limits in one statement, sent with BEGIN; finished exactly once (commit or
 * rollback), whatever happens to the request; and rolled back by a deadline if the operation
 * outlives it, so its connection always returns to the pool.
 */
class OperationTransaction {
  private finished = false;
  private deadline?: NodeJS.Timeout;
  /** Set when the deadline rolled the transaction back under a still-running operation. */
  abandoned = false;

  constructor(
    private readonly em: RequestContext['em'],
    private readonly bounds: DatabaseBounds,
  ) {}

  async begin(tenant: RequestContext['tenant']): Promise<void> {
    try {
      await beginWith(this.em, tenantSettingsInlineSql(tenant, this.bounds));
    } catch (error) {
      await this.rollback();
      throw error;
    }
    this.deadline = setTimeout(() => void this.abandon(), this.bounds.operationTimeoutMs);
    this.deadline.unref();
  }

  /** Commits after `beforeCommit` (the audit rows); rolls back if either fails, and rethrows. */
  async commit(beforeCommit: () => Promise<void>): Promise<void> {
    if (this.finished) return;
    try {
      await beforeCommit();
      this.finished = true;
      clearTimeout(this.deadline);
      await this.em.commit();
    } catch (error) {
      await this.rollback();
      throw error;
    }
  }

  /** Never throws: a connection the server already closed is discarded by the pool. */
  async rollback(): Promise<void> {
    clearTimeout(this.deadline);
    if (!this.em.isInTransaction()) return;
    const transaction = this.em.getTransactionContext<{ isCompleted(): boolean; rollback(): Promise<unknown> }>();
    this.finished = true;
    try {
      if (transaction && !transaction.isCompleted()) await transaction.rollback();
    } catch (error) {
      logger.warn({ err: error }, 'rollback failed; the connection is discarded');
    }
  }

  /** The deadline: statements the operation still sends fail, and it answers DEADLINE_EXCEEDED. */
  private async abandon(): Promise<void> {
    if (this.finished) return;
    this.abandoned = true;
    logger.warn({ timeoutMs: this.bounds.operationTimeoutMs }, 'operation outlived its deadline; transaction rolled back');
    await this.rollback();
  }
}

/**
 * The work a failed mutation must still write (`RequestContext.afterRollback`, e.g. a refused
 * sign-in's record), each in a bounded transaction of its own, begun only after the operation's
 * transaction gave its connection back.
 */
async function recordAfterRollback(context: RequestContext, bounds: DatabaseBounds): Promise<void> {
  const work = context.afterRollback.splice(0);
  if (work.length === 0) return;
  // Nothing the failed operation left in the identity map may be flushed by that work.
  context.em.clear();
  for (const record of work) {
    const transaction = new OperationTransaction(context.em, bounds);
    try {
      await transaction.begin(context.tenant);
      await transaction.commit(() => record(context.em));
    } catch (error) {
      // The answer is already a failure; losing its record must not change it.
      logger.error({ err: error }, 'recording a failed mutation failed');
    }
  }
}

const asResponseError = (error: AppError) => ({ message: error.message, extensions: error.extensions });

/**
 * Runs every GraphQL operation in one database transaction, with the caller's tenant settings
 * for row-level security and the operation's limits set first. A resolver error rolls back
 * everything a mutation wrote; on success the audit events (every mutation, every read of patient
 * data) are written in the same transaction just before it commits. Timeouts and a full pool
 * answer SERVICE_UNAVAILABLE (retryable) and the connection always goes back to the pool.
 */
function transactionPerOperation(metrics: Metrics, auditedReads: Constructor[], bounds: DatabaseBounds): ApolloServerPlugin<RequestContext> {
  const isAuditedRead = (item: unknown) => auditedReads.some((type) => item instanceof type);
  let auditedTypes = new Set<string>();
  // Apollo hands the same parsed document to every request with the same query text (its
  // document cache), so each document is walked once, not on every request.
  const documentsSelectingAudited = new WeakMap<DocumentNode, boolean>();
  const selectsAuditedType = (schema: GraphQLSchema, document: DocumentNode): boolean => {
    let selects = documentsSelectingAudited.get(document);
    if (selects === undefined) {
      selects = selectsAnyType(schema, document, auditedTypes);
      documentsSelectingAudited.set(document, selects);
    }
    return selects;
  };
  return {
    async serverWillStart({ schema }) {
      auditedTypes = auditedReadTypes(schema, auditedReads);
    },
    async requestDidStart() {
      metrics.graphqlRequests++;
      let transaction: OperationTransaction | undefined;
      return {
        // The transaction begins in the one hook that may answer instead of executing: a full pool
        // or an unreachable database answers SERVICE_UNAVAILABLE as a GraphQL error (HTTP 200, so
        // the gateway keeps the code) rather than failing the HTTP request.
        async responseForOperation({ contextValue }) {
          const begun = new OperationTransaction(contextValue.em, bounds);
          try {
            await begun.begin(contextValue.tenant);
            transaction = begun;
            return null;
          } catch (error) {
            const reason = unavailableReason(error);
            if (!reason) throw error;
            logger.warn({ err: error, reason }, 'operation refused: database unavailable');
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: null, errors: [asResponseError(serviceUnavailable(reason))] } } };
          }
        },
        async executionDidStart({ contextValue, operation, document, schema }) {
          const { audit } = contextValue;
          // Without a per-field hook Apollo calls resolvers directly: only a mutation, or a query
          // that selects a type an audited entity can come through, needs each field looked at.
          if (operation.operation !== 'mutation' && !selectsAuditedType(schema, document)) return {};
          return {
            willResolveField({ info }: { info: GraphQLResolveInfo }) {
              const isMutation = info.parentType.name === 'Mutation';
              return (error: Error | null, result: unknown) => {
                if (error) return;
                const entities = returnedEntities(result);
                if (isMutation) {
                  // Every mutation is recorded, with what it returned (per client), or alone.
                  const entityType = entities[0]?.constructor.name ?? getNamedType(info.returnType).name;
                  const clients = new Set(entities.map((e) => e.clientId ?? null));
                  if (clients.size === 0) clients.add(null);
                  for (const clientId of clients) {
                    const entityIds = entities.filter((e) => (e.clientId ?? null) === clientId).map((e) => e.id);
                    audit.record({ action: 'MUTATION', operation: info.fieldName, entityType, entityIds, clientId });
                  }
                  return;
                }
                for (const entity of entities) {
                  if (!isAuditedRead(entity)) continue;
                  const operation = `${info.parentType.name}.${info.fieldName}`;
                  audit.record({ action: 'READ', operation, entityType: entity.constructor.name, entityIds: [entity.id], clientId: entity.clientId ?? null });
                }
              };
            },
          };
        },
        async willSendResponse({ contextValue, response, operation }) {
          const { em, audit } = contextValue;
          // What Apollo's cache-control plugin (off: a per-field hook, and no field has a hint) said.
          response.http.headers.set('cache-control', 'no-store');
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (body?.errors?.length ?? 0) > 0;
          if (failed) metrics.graphqlErrors++;
          if (!transaction) return;
          if (transaction.abandoned) {
            if (body) {
              body.data = null;
              body.errors = [asResponseError(serviceUnavailable('DEADLINE_EXCEEDED'))];
            }
            return;
          }
          // A mutation with any error writes nothing, audit included; a query's reads stay audited.
          if (failed && operation?.operation === 'mutation') {
            await transaction.rollback();
            await recordAfterRollback(contextValue, bounds);
            return;
          }
          try {
            await transaction.commit(() => audit.flush(em));
          } catch (error) {
            const reason = unavailableReason(error);
            if (reason) logger.warn({ err: error, reason }, 'commit failed: database unavailable');
            else logger.error({ err: error }, 'commit failed');
            if (body) {
              body.data = null;
              body.errors = [reason ? asResponseError(serviceUnavailable(reason)) : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
            }
          }
        },
      };
    },
  };
}

export async function createSubgraphServer(def: SubgraphDefinition, config: SubgraphConfig): Promise<SubgraphServer> {
  const orm = await openDatabase(def.database, {
    url: config.databaseUrl,
    poolMax: config.poolMax,
    poolAcquireTimeoutMs: config.bounds.poolAcquireTimeoutMs,
    logSql: config.logSql,
    applicationName: def.name,
  });
  const metrics = new Metrics();
  orm.em.getConnection().getKnex().on('query', () => metrics.countSqlStatement());

  const key = signingKey(config.contextSigningKey);
  // One keep-alive client for this process's lookups in other subgraphs (ctx.graph).
  const subgraphClient = new SubgraphClient();
  const { schema } = await buildFederatedSchema(def.schema, def.access);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Apollo's defaults follow NODE_ENV (unset with `npm start`, `test` under vitest, `production`
    // where it is deployed); everything that would change is set below, so a subgraph behaves the
    // same whatever NODE_ENV is and NODE_ENV=production only buys graphql-js speed.
    nodeEnv: 'production',
    // Only the gateway reaches a subgraph (a signed context is required); it may introspect.
    introspection: true,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    // The process stops us on signals (exitCleanlyOnSignals); Apollo's own handler would race it,
    // and a second stop() while one is running never resolves in @apollo/server 5.
    stopOnTerminationSignals: false,
    logger,
    // No landing page: it was served to anyone, before the signed context is checked.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      transactionPerOperation(metrics, def.auditedReads ?? [], config.bounds),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Express' `env` (from NODE_ENV) only changes its default error page, which answerUnhandledAsJson
  // replaces; pinned so it does not depend on NODE_ENV. No ETag: answers are POSTs, never revalidated,
  // and hashing a 174 KB report for one cost a SHA-1 per request.
  app.set('env', 'production');
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: def.name });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', service: def.name });
    } catch {
      res.status(503).json({ status: 'database unreachable', service: def.name });
    }
  });
  app.get('/metrics', requireBearer(config.metricsToken), async (_req, res) => {
    res.type('text/plain; version=0.0.4').send(await metrics.renderAll(def.name));
  });
  def.routes?.(app, { orm, signingKey: key, bounds: config.bounds });
  app.use(
    '/graphql',
    ...graphqlBody(),
    // After the body is read (stream callbacks would lose the context), so every statement the
    // operation sends, however deep, is counted as the operation's.
    (_req: express.Request, _res: express.Response, next: express.NextFunction) => metrics.inOperation(next),
    expressMiddleware(apollo, {
      // No valid gateway-signed context, no answer: a subgraph port reached directly reveals nothing.
      context: async ({ req }) => {
        try {
          const caller = await callerOfRequest(req, key);
          return createRequestContext(orm.em, caller, def.name, { subgraphUrls: config.subgraphUrls, signingKey: key, http: subgraphClient });
        } catch (error) {
          // Someone other than the gateway reached the port (or a key mismatch): worth a line.
          const requestId = String(req.headers['x-request-id'] ?? '');
          logger.warn({ requestId: /^[\w-]{1,80}$/.test(requestId) ? requestId : undefined, remoteAddress: req.socket.remoteAddress }, 'refused an operation without a valid caller context');
          throw error;
        }
      },
    }),
  );

  answerUnhandledAsJson(app, (error) => logger.error({ err: error }, 'unhandled HTTP error'));

  const events = await def.events?.start({ orm, databaseUrl: config.databaseUrl, metrics, bounds: config.bounds });

  let server: RunningHttpServer | undefined;
  return {
    app,
    orm,
    metrics,
    async listen(port, host = '127.0.0.1') {
      server = await listenHttp(app, port, host);
      return server.url;
    },
    async stop() {
      await server?.close();
      await events?.stop();
      await apollo.stop();
      await orm.close();
      subgraphClient.close();
    },
  };
}
