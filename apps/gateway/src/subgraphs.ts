import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The subgraphs and their contract ports (DESIGN section 7). */
export const SUBGRAPHS = [
  { name: 'facilities', port: 4001 },
  { name: 'staffing', port: 4002 },
  { name: 'inventory', port: 4003 },
  { name: 'scheduling', port: 4004 },
  { name: 'billing', port: 4005 },
  { name: 'identity', port: 4006 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const REPO_ROOT = resolve(__dirname, '../../..');

/** `FACILITIES_URL` etc. override the default `http://localhost:<port>/graphql`. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map(({ name, port }) => [name, env[`${name.toUpperCase()}_URL`] ?? `http://localhost:${port}/graphql`]),
  ) as Record<SubgraphName, string>;
}

/** The SDL each subgraph commits beside its code (`services/<name>/schema.graphql`). */
export function readSubgraphSdl(name: SubgraphName, root = REPO_ROOT): string {
  return readFileSync(join(root, 'services', name, 'schema.graphql'), 'utf8');
}
