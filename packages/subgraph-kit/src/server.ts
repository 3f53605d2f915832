import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createRequestContext, type RequestContext } from './context';
import { openDatabase, type DatabaseDefinition } from './database';
import { createErrorFormatter } from './errors';
import { Metrics } from './metrics';
import { buildFederatedSchema, type FederatedSchemaOptions } from './schema';
import type { SubgraphConfig } from './config';

/** Everything that makes one subgraph: its name, contract port, database and GraphQL surface. */
export interface SubgraphDefinition {
  name: string;
  /** Port from DESIGN section 7; `PORT` overrides it. */
  defaultPort: number;
  database: DatabaseDefinition;
  schema: FederatedSchemaOptions;
}

export interface SubgraphServer {
  app: express.Express;
  orm: MikroORM;
  metrics: Metrics;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs every GraphQL operation in one database transaction: a resolver error rolls back
 * everything the operation wrote, and later the tenant settings for row-level security are
 * set once per transaction here.
 */
function transactionPerOperation(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      metrics.graphqlRequests++;
      return {
        async executionDidStart({ contextValue }) {
          await contextValue.em.begin();
        },
        async willSendResponse({ contextValue, response }) {
          const em = contextValue.em;
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          if (failed) metrics.graphqlErrors++;
          if (!em.isInTransaction()) return;
          if (failed) await em.rollback();
          else await em.commit();
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

  const { schema } = await buildFederatedSchema(def.schema);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), transactionPerOperation(metrics)],
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
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createRequestContext(orm.em, String(req.headers['x-request-id'] ?? randomUUID()), req.ip),
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
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await apollo.stop();
      await orm.close();
    },
  };
}
