import { CONTEXT_HEADER, signCallerContext, signingKey, type Principal } from '@infusion/subgraph-kit/auth';
import { graphql } from '@infusion/testkit';
import { platform } from './platform';

/** A principal limited to one client with every read scope, like a client's read key. */
export function clientReader(clientId: string, siteIds: string[] | null = null): Principal {
  return {
    kind: 'API_KEY',
    id: `test-${clientId}`,
    credentialId: null,
    name: 'test key',
    role: null,
    clientIds: [clientId],
    siteIds,
    scopes: ['facilities:read', 'staffing:read', 'inventory:read', 'scheduling:read', 'billing:read', 'fees:read'],
  };
}

/** Calls one subgraph directly, as the gateway would, with a context signed by `key`. */
export async function callSubgraph(
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
  principal: Principal,
  options: { key?: string; ttlSeconds?: number; url?: string } = {},
) {
  const token = await signCallerContext(
    { principal, requestId: 'test', remoteAddress: '127.0.0.1' },
    signingKey(options.key ?? platform().contextSigningKey),
    options.ttlSeconds,
  );
  return graphql(options.url ?? platform().subgraphUrls[subgraph]!, query, variables, { [CONTEXT_HEADER]: token });
}


/** `_entities` for one representation, asking only for the id. */
export function entityProbe(typeName: string): string {
  return `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { id } } }`;
}
