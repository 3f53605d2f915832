import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { AccessPolicy } from './auth/guard';
import { CONTEXT_HEADER, signingKey, verifyCallerContext } from './auth/signed-context';
import { createRequestContext, type RequestContext } from './context';
import { openDatabase, type DatabaseDefinition } from './database';
import { createErrorFormatter } from './errors';
import { Metrics } from './metrics';
import { buildFederatedSchema, type FederatedSchemaOptions } from './schema';
import type { SubgraphConfig } from './config';
import type { SubgraphName } from '@infusion/subgraphs';
import { tenantSettingsSql } from './tenancy';

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
  routes?: (app: express.Express, deps: { orm: MikroORM; signingKey: Uint8Array }) => void;
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
 * Runs every GraphQL operation in one database transaction, with the caller's tenant settings
 * for row-level security set first. A resolver error rolls back everything the operation wrote;
 * on success the audit events (every mutation, every read of patient data) are written in the
 * same transaction just before it commits.
 */
function transactionPerOperation(service: string, metrics: Metrics, auditedReads: Constructor[]): ApolloServerPlugin<RequestContext> {
  const isAuditedRead = (item: unknown) => auditedReads.some((type) => item instanceof type);
  return {
    async requestDidStart() {
      metrics.graphqlRequests++;
      return {
        async executionDidStart({ contextValue }) {
          const { em, tenant, audit } = contextValue;
          await em.begin();
          const settings = tenantSettingsSql(tenant);
          await em.execute(settings.sql, settings.params);
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
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (body?.errors?.length ?? 0) > 0;
          if (failed) metrics.graphqlErrors++;
          if (!em.isInTransaction()) return;
          // A mutation with any error writes nothing, audit included; a query's reads stay audited.
          if (failed && operation?.operation === 'mutation') {
            await em.rollback();
            // Nothing the failed operation left in the identity map may be flushed by that work.
            if (contextValue.afterRollback.length) em.clear();
            for (const work of contextValue.afterRollback.splice(0)) {
              try {
                await em.transactional(async (trx) => {
                  const settings = tenantSettingsSql(contextValue.tenant);
                  await trx.execute(settings.sql, settings.params);
                  await work(trx as EntityManager);
                });
              } catch (error) {
                // The answer is already a failure; losing its record must not change it.
                console.error(`[${service}] recording a failed operation failed:`, error);
              }
            }
            return;
          }
          try {
            await audit.flush(em);
            await em.commit();
          } catch (error) {
            if (em.isInTransaction()) await em.rollback();
            console.error(`[${service}] commit failed:`, error);
            if (body) {
              body.data = null;
              body.errors = [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
            }
          }
        },
      };
    },
  };
}

export async function createSubgraphServer(def: SubgraphDefinition, config: SubgraphConfig): Promise<SubgraphServer> {
  const orm = await openDatabase(def.database, { url: config.databaseUrl, poolMax: config.poolMax, logSql: config.logSql });
  const metrics = new Metrics();
  orm.em.getConnection().getKnex().on('query', () => {
    metrics.sqlStatements++;
  });

  const key = signingKey(config.contextSigningKey);
  const { schema } = await buildFederatedSchema(def.schema, def.access);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    // The process stops us on signals (exitCleanlyOnSignals); Apollo's own handler would race it,
    // and a second stop() while one is running never resolves in @apollo/server 5.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), transactionPerOperation(def.name, metrics, def.auditedReads ?? [])],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
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
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render(def.name));
  });
  def.routes?.(app, { orm, signingKey: key });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      // No valid gateway-signed context, no answer: a subgraph port reached directly reveals nothing.
      context: async ({ req }) => {
        const header = req.headers[CONTEXT_HEADER];
        const caller = await verifyCallerContext(Array.isArray(header) ? header[0] : header, key);
        return createRequestContext(orm.em, caller, def.name, { subgraphUrls: config.subgraphUrls, signingKey: key });
      },
    }),
  );

  let server: Server | undefined;
  return {
    app,
    orm,
    metrics,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server = createHttpServer(app);
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server!.address() as AddressInfo;
          resolve(`http://${host}:${address.port}/graphql`);
        });
      });
    },
    async stop() {
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        // Idle keep-alive connections (the gateway keeps some) would hold close() open.
        server.closeIdleConnections();
        await closed;
      }
      await apollo.stop();
      await orm.close();
    },
  };
}
