import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap";
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { RequestContext } from './context';

/** Federation 2 features the subgraphs may use; the auth directives let a router enforce access too. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes"])`;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ResolverClass = Function;

/** How the subgraph turns a `{ __typename, id }` representation into its entity. */
export type ReferenceResolver = (reference: { id: string }, context: RequestContext) => unknown;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ResolverClass>;
  /** Entities reached only through `_entities` (type-graphql emits only what resolvers reach). */
  orphanedTypes?: ResolverClass[];
  references: Record<string, ReferenceResolver>;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as committed in `schema.graphql`. */
  sdl: string;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    // DESIGN: times are `DateTime` in UTC.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(typeGraphQLSchema))}`;

  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<RequestContext>;
  for (const [typeName, resolveReference] of Object.entries(options.references)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, __resolveReference: resolveReference } as never;
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return { schema, sdl };
}

/** Printed form used to detect drift between code and the committed SDL. */
export function normaliseSdl(sdl: string): string {
  return sdl.trim().replace(/\r\n/g, '\n');
}

export { printSchema };
