import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The subgraphs and their contract ports (DESIGN section 7). The one place ports are defined:
 * the gateway, the launcher, the tests and the services themselves read them from here.
 */
export const SUBGRAPHS = [
  { name: 'facilities', port: 4001 },
  { name: 'staffing', port: 4002 },
  { name: 'inventory', port: 4003 },
  { name: 'scheduling', port: 4004 },
  { name: 'billing', port: 4005 },
  { name: 'identity', port: 4006 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name);

export const isSubgraphName = (name: string): name is SubgraphName => (SUBGRAPH_NAMES as readonly string[]).includes(name);

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The contract port of one subgraph. */
export function contractPort(name: SubgraphName): number {
  return SUBGRAPHS.find((s) => s.name === name)!.port;
}

/** The environment variable that overrides where a subgraph is reached, e.g. `FACILITIES_URL`. */
export const urlVariable = (name: SubgraphName): string => `${name.toUpperCase()}_URL`;

/** `FACILITIES_URL` etc. override the default `http://localhost:<port>/graphql`. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map(({ name, port }) => [name, env[urlVariable(name)] ?? `http://localhost:${port}/graphql`]),
  ) as Record<SubgraphName, string>;
}

/** The environment that tells a process where every subgraph is (`FACILITIES_URL=…`, …). */
export function subgraphUrlEnv(urls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [urlVariable(name), urls[name]!]));
}

/** The SDL each subgraph commits beside its code (`services/<name>/schema.graphql`). */
export function readSubgraphSdl(name: SubgraphName, root = REPO_ROOT): string {
  return readFileSync(join(root, 'services', name, 'schema.graphql'), 'utf8');
}
