import { subgraphUrlsFromEnv, type SubgraphName } from '@infusion/subgraphs';
import { z } from 'zod';

/**
 * Configuration every subgraph reads from its environment, validated once at start so that
 * a typo fails loudly instead of half-working.
 */
const SubgraphEnv = z.object({
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Bounds on every operation (milliseconds): see DatabaseBounds.
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  // Below the gateway's 15 s request deadline: the subgraph rolls back and frees its connection
  // before the gateway has answered the client, never after.
  OPERATION_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(14_000),
  CONTEXT_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  LOG_SQL: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

/**
 * How long one operation may hold the database. Each answers SERVICE_UNAVAILABLE (retryable) when
 * exceeded, and the connection goes back to the pool, so one slow or stuck request cannot take
 * the subgraph down for everyone.
 */
export interface DatabaseBounds {
  /** PostgreSQL `statement_timeout` for each statement of an operation (lock waits included). */
  statementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: the longest pause between two statements. */
  idleInTransactionTimeoutMs: number;
  /** How long an operation waits for a free pooled connection. */
  poolAcquireTimeoutMs: number;
  /** The whole operation: past it the transaction is rolled back and its connection returned. */
  operationTimeoutMs: number;
}

export interface SubgraphConfig {
  databaseUrl: string;
  port: number;
  host: string;
  poolMax: number;
  logSql: boolean;
  bounds: DatabaseBounds;
  /** Shared secret the gateway signs caller contexts with; required to serve requests. */
  contextSigningKey?: string;
  /** Where the other subgraphs answer (`FACILITIES_URL`, …), to verify the entities a write references. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Bearer token `/metrics` asks for; without one `/metrics` answers nobody. */
  metricsToken?: string;
}

/** Validates a process's environment once at start; every problem is listed, so a typo fails loudly. */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export function readSubgraphConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const e = parseEnv(SubgraphEnv, env);
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT ?? defaultPort,
    host: e.HOST,
    poolMax: e.DB_POOL_MAX,
    logSql: e.LOG_SQL,
    bounds: {
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      poolAcquireTimeoutMs: e.DB_POOL_ACQUIRE_TIMEOUT_MS,
      operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
    },
    contextSigningKey: e.CONTEXT_SIGNING_KEY,
    subgraphUrls: subgraphUrlsFromEnv(env),
    metricsToken: e.METRICS_TOKEN,
  };
}
