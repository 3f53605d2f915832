import { contractPort } from '@infusion/subgraphs';
import { readSubgraphConfig } from './config';
import { exitCleanlyOnSignals } from './process';
import { migrate, openDatabase } from './database';
import { buildFederatedSchema } from './schema';
import { createLogger } from './logger';
import { createSubgraphServer, type SubgraphDefinition } from './server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';

/** Seeding is idempotent per subgraph: a subgraph whose first table has rows is left alone. */
async function hasRows(orm: MikroORM, def: SubgraphDefinition): Promise<boolean> {
  const [first] = def.database.entities;
  return first !== undefined && (await orm.em.fork().count(first as EntityClass<object>, {}, { filters: false })) > 0;
}

/** Entry point of a subgraph process: listen on its port and stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraph(def: SubgraphDefinition): Promise<void> {
  const log = createLogger(def.name);
  const config = readSubgraphConfig(contractPort(def.name));
  const server = await createSubgraphServer(def, config);
  const url = await server.listen(config.port, config.host);
  log.info({ url }, `${def.name} ready at ${url}`);
  exitCleanlyOnSignals(`[${def.name}]`, () => server.stop());
}

export interface SeedOptions {
  seed: number;
  anchorDate: string;
}

export type SeedFunction = (em: EntityManager, options: SeedOptions) => Promise<Record<string, number>>;

/** The demo seed and the day it is built around, from SEED and SEED_ANCHOR_DATE. */
function seedOptionsFromEnv(): SeedOptions {
  return { seed: Number(process.env.SEED ?? 42), anchorDate: process.env.SEED_ANCHOR_DATE ?? new Date().toISOString().slice(0, 10) };
}

/**
 * A subgraph's maintenance commands, run as their own process by the launcher:
 *   migrate              apply pending migrations
 *   seed                 write the demo data (in one transaction)
 *   print-schema         print the SDL (what `schema.graphql` must contain)
 * plus any of its own `commands` that need no database (given the seed options).
 */
export async function runSubgraphCli(
  def: SubgraphDefinition,
  seed: SeedFunction,
  commands: Record<string, (options: SeedOptions) => Promise<void>> = {},
  argv = process.argv.slice(2),
): Promise<void> {
  const [command] = argv;
  const log = createLogger(def.name);
  if (command === 'print-schema') {
    const { sdl } = await buildFederatedSchema(def.schema, def.access);
    process.stdout.write(`${sdl.trim()}\n`);
    return;
  }
  const own = command === undefined ? undefined : commands[command];
  if (own) return own(seedOptionsFromEnv());
  if (command !== 'migrate' && command !== 'seed') {
    const known = ['migrate', 'seed', 'print-schema', ...Object.keys(commands)].join(', ');
    throw new Error(`unknown command "${command ?? ''}": expected one of ${known}`);
  }
  const config = readSubgraphConfig(contractPort(def.name));
  const orm = await openDatabase(def.database, { url: config.databaseUrl });
  try {
    if (command === 'migrate') {
      const applied = await migrate(orm, def.database, process.env.APP_DB_ROLE);
      await def.events?.migrate(config.databaseUrl, process.env.APP_DB_ROLE);
      log.info({ applied }, `migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);
    } else if (await hasRows(orm, def)) {
      log.info('already has data; seed skipped');
    } else {
      const options = seedOptionsFromEnv();
      const counts = await orm.em.fork().transactional((em) => seed(em as EntityManager, options));
      log.info({ counts }, `seeded ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    }
  } finally {
    await orm.close();
  }
}
