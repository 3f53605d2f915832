import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { accessRulesOf, annotateAccess, requireScopes, requireSignedIn, scopeGuard, type AccessPolicy, type AccessRules } from './auth/guard';
import type { RequestContext } from './context';
import { inputGuard } from './input-guard';
import { isOwnedReference, tenantStubGuard, type ReferenceResolver } from './references';
import { DateTime } from './scalars';

/** The resolver map `buildSubgraphSchema` takes (@apollo/subgraph does not export its type by name). */
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

/** Federation 2 features the subgraphs may use; the auth directives let a router enforce access too. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes"])`;

// biome-ignore lint/complexity/noBannedTypes: type-graphql's own resolver list is typed as Function.
type ResolverClass = Function;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<ResolverClass>;
  /** Entities reached only through `_entities` (type-graphql emits only what resolvers reach). */
  orphanedTypes?: ResolverClass[];
  /** How `_entities` turns `{ __typename, id }` into each entity this subgraph owns or extends. */
  references: Record<string, ReferenceResolver>;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as committed in `schema.graphql`. */
  sdl: string;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions, access: AccessPolicy): Promise<FederatedSchema> {
  // Filled right after type-graphql builds the schema; the guard reads it at request time.
  const rules: AccessRules = new Map();
  const stubs = Object.entries(options.references).filter(([, r]) => !isOwnedReference(r)).map(([name]) => name);
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    // Failed rules name the field; the value is not echoed back (it may be patient data).
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    skipCheck: true,
    // DESIGN: times are `DateTime` in UTC.
    scalarsMap: [{ type: Date, scalar: DateTime }],
    // Access first (a caller without the scope learns nothing about inputs), then the tenant of
    // a stub, then the inputs.
    globalMiddlewares: [scopeGuard(access, rules), tenantStubGuard(stubs), inputGuard],
  });

  for (const [field, rule] of accessRulesOf(typeGraphQLSchema)) rules.set(field, rule);
  readPlainFieldsDirectly(typeGraphQLSchema, rules, new Set(stubs));
  const owned = new Set(Object.entries(options.references).filter(([, r]) => isOwnedReference(r)).map(([name]) => name));
  const printed = printSchemaWithDirectives(lexicographicSortSchema(typeGraphQLSchema));
  const sdl = `${FEDERATION_LINK}\n\n${annotateAccess(printed, access, owned, rules)}`;

  const resolvers = createResolversMap(typeGraphQLSchema) as SubgraphResolvers;
  for (const [typeName, resolveReference] of Object.entries(options.references)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    // `_entities` is an entry point like a root field: it needs the subgraph's read scope, except
    // for a stub whose every added field names its own scopes (the stub itself reveals only its id).
    const guardedByFields = !isOwnedReference(resolveReference) && stubFieldsAllGuarded(typeGraphQLSchema, typeName, rules);
    resolvers[typeName] = {
      ...existing,
      __resolveReference: (reference: { id: string }, context: RequestContext) => {
        if (guardedByFields) requireSignedIn(context.caller.principal);
        else requireScopes(context.caller.principal, [access.read]);
        return resolveReference(reference, context);
      },
    } as never;
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}

/**
 * type-graphql runs the global middlewares for every field, so each scalar of each row became a
 * chain of promises (a large report spent more time there than pricing). A plain property (no
 * resolver method, arguments, access rule or middleware of its own, on a type that is not a root
 * or a tenant-guarded stub) passes all three guards unchanged, so it is read directly instead.
 */
function readPlainFieldsDirectly(schema: GraphQLSchema, rules: AccessRules, stubs: Set<string>): void {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || ['Query', 'Mutation', 'Subscription'].includes(type.name) || stubs.has(type.name)) continue;
    const fields = type.getFields();
    // Its own fields, then those it inherits from base classes (an entity's `id`, `clientId`…),
    // nearest first; a field declared again lower down is that declaration's alone.
    const bases: (typeof objectType)[] = [];
    for (let c = Object.getPrototypeOf(objectType.target); c && c !== Function.prototype; c = Object.getPrototypeOf(c)) bases.push(...storage.objectTypes.filter((t) => t.target === c));
    const seen = new Set<string>();
    for (const meta of [objectType, ...bases].flatMap((t) => t.fields ?? [])) {
      if (seen.has(meta.schemaName)) continue;
      seen.add(meta.schemaName);
      const field = fields[meta.schemaName];
      if (!field || field.args.length > 0 || rules.has(`${type.name}.${field.name}`) || meta.middlewares?.length || meta.roles) continue;
      if (storage.fieldResolvers.some((r) => (r.getObjectType?.() === meta.target || r.getObjectType?.() === objectType.target) && r.methodName === meta.name)) continue;
      const property = meta.name;
      // As graphql-js' default resolver: a getter is read, a method is called on its object.
      field.resolve = (root: Record<string, unknown>) => {
        const value = root[property];
        return typeof value === 'function' ? (value as () => unknown).call(root) : value;
      };
    }
  }
}

function stubFieldsAllGuarded(schema: GraphQLSchema, typeName: string, rules: AccessRules): boolean {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return false;
  const added = Object.keys(type.getFields()).filter((field) => field !== 'id');
  return added.length > 0 && added.every((field) => rules.get(`${typeName}.${field}`)?.requiresScopes);
}
