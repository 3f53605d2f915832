import { join } from 'node:path';
import { z } from 'zod';
import type { GatewayOptions } from './server';
import { subgraphUrlsFromEnv } from '@infusion/subgraphs';
import { parseEnv } from '@infusion/subgraph-kit/config';

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** The gateway's environment, validated once at start so that a typo fails loudly. */
const GatewayEnv = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  SUPERGRAPH_PATH: z.string().optional(),
  CONTEXT_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters' }),
  RATE_LIMIT_PER_MINUTE: optionalInt(1, 1_000_000_000),
  FAILED_CREDENTIALS_PER_MINUTE: optionalInt(1, 1_000_000),
  AUTH_CACHE_MS: optionalInt(0, 600_000),
  GATEWAY_REQUEST_TIMEOUT_MS: optionalInt(100, 600_000),
  GATEWAY_TRUSTED_PROXIES: z.string().default(''),
  /** The built console; by default apps/console/dist beside this app (nothing is served at / without it). */
  CONSOLE_DIR: z.string().default(join(__dirname, '..', '..', 'console', 'dist')),
});

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath?: string;
  options: Omit<GatewayOptions, 'supergraphSdl'>;
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = parseEnv(GatewayEnv, env);
  return {
    port: e.GATEWAY_PORT,
    host: e.HOST,
    supergraphPath: e.SUPERGRAPH_PATH,
    options: {
      subgraphUrls: subgraphUrlsFromEnv(env),
      contextSigningKey: e.CONTEXT_SIGNING_KEY,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      failedCredentialsPerMinute: e.FAILED_CREDENTIALS_PER_MINUTE,
      authCacheMs: e.AUTH_CACHE_MS,
      requestTimeoutMs: e.GATEWAY_REQUEST_TIMEOUT_MS,
      // e.g. "10.0.0.0/8, 192.168.1.7"; express refuses an entry that is not an address or range.
      consoleDir: e.CONSOLE_DIR,
      trustedProxies: e.GATEWAY_TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean),
    },
  };
}
