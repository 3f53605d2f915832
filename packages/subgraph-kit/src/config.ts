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
  CONTEXT_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  LOG_SQL: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export interface SubgraphConfig {
  databaseUrl: string;
  port: number;
  host: string;
  poolMax: number;
  logSql: boolean;
  /** Shared secret the gateway signs caller contexts with; required to serve requests. */
  contextSigningKey?: string;
  /** Where the other subgraphs answer (`FACILITIES_URL`, …), to verify the entities a write references. */
  subgraphUrls: Record<SubgraphName, string>;
}

export function readSubgraphConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const parsed = SubgraphEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return { databaseUrl: e.DATABASE_URL, port: e.PORT ?? defaultPort, host: e.HOST, poolMax: e.DB_POOL_MAX, logSql: e.LOG_SQL, contextSigningKey: e.CONTEXT_SIGNING_KEY, subgraphUrls: subgraphUrlsFromEnv(env) };
}
