import { isObjectType, Kind, parse, print, visit, type DirectiveNode, type GraphQLSchema } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { AppError, unauthenticated } from '../errors';
import type { RequestContext } from '../context';
import type { Principal, Scope } from './principal';

/** The scopes a subgraph's operations need unless a field says otherwise. */
export interface AccessPolicy {
  read: Scope;
  write: Scope;
}

export function requireSignedIn(principal: Principal): void {
  if (principal.kind === 'ANONYMOUS') {
    throw unauthenticated('Sign in, or send an API key as `Authorization: Bearer <key>`');
  }
}

/** Any one of `scopes` is enough; FORBIDDEN names what is missing. */
export function requireScopes(principal: Principal, scopes: readonly Scope[]): void {
  requireSignedIn(principal);
  if (scopes.some((s) => principal.scopes.includes(s))) return;
  throw new AppError('FORBIDDEN', `This needs the scope ${scopes.map((s) => `"${s}"`).join(' or ')}`, { requiredScopes: scopes });
}

export interface FieldExtensions {
  public?: boolean;
  authenticated?: boolean;
  requiresScopes?: Scope[];
}

/**
 * `Type.field` → the access extensions type-graphql recorded. Kept aside because the executed
 * schema is rebuilt from SDL by @apollo/subgraph, which drops field extensions.
 */
export type AccessRules = Map<string, FieldExtensions>;

export function accessRulesOf(schema: GraphQLSchema): AccessRules {
  const rules: AccessRules = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const { public: isPublic, authenticated, requiresScopes } = field.extensions as FieldExtensions;
      if (isPublic || authenticated || requiresScopes) rules.set(`${type.name}.${field.name}`, { public: isPublic, authenticated, requiresScopes });
    }
  }
  return rules;
}

/**
 * type-graphql global middleware: root fields need the subgraph's read (Query) or write
 * (Mutation) scope, unless marked `@Public()` or `@RequiresScopes(...)`; any other field with
 * `@RequiresScopes` is checked too. Entities reached through `_entities` are checked by the
 * reference resolvers (see references.ts).
 */
export function scopeGuard(policy: AccessPolicy, rules: AccessRules): MiddlewareFn<RequestContext> {
  return async ({ context, info }, next) => {
    const extensions = rules.get(`${info.parentType.name}.${info.fieldName}`) ?? {};
    const isRoot = info.parentType.name === 'Query' || info.parentType.name === 'Mutation';
    if (extensions.requiresScopes) requireScopes(context.caller.principal, extensions.requiresScopes);
    else if (extensions.authenticated) requireSignedIn(context.caller.principal);
    else if (isRoot && !extensions.public) {
      requireScopes(context.caller.principal, [info.parentType.name === 'Mutation' ? policy.write : policy.read]);
    }
    return next();
  };
}

/**
 * Writes the scope rules into the SDL, so the supergraph documents them and a router could
 * enforce them: root fields get `@requiresScopes` for their default scope (public ones none),
 * and entity types this subgraph owns get its read scope.
 */
export function annotateAccess(sdl: string, policy: AccessPolicy, ownedEntities: Set<string>, rules: AccessRules): string {
  const scopes = (scope: Scope): DirectiveNode => ({
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'requiresScopes' },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'scopes' },
        value: { kind: Kind.LIST, values: [{ kind: Kind.LIST, values: [{ kind: Kind.STRING, value: scope }] }] },
      },
    ],
  });
  const hasAccessDirective = (directives: readonly DirectiveNode[] | undefined) =>
    (directives ?? []).some((d) => d.name.value === 'requiresScopes' || d.name.value === 'authenticated');
  const document = parse(sdl);
  const edited = visit(document, {
    ObjectTypeDefinition(node) {
      const typeName = node.name.value;
      if (typeName === 'Query' || typeName === 'Mutation') {
        const scope = typeName === 'Query' ? policy.read : policy.write;
        return {
          ...node,
          fields: node.fields?.map((field) =>
            hasAccessDirective(field.directives) || rules.get(`${typeName}.${field.name.value}`)?.public
              ? field
              : { ...field, directives: [...(field.directives ?? []), scopes(scope)] },
          ),
        };
      }
      if (ownedEntities.has(typeName) && !hasAccessDirective(node.directives)) {
        return { ...node, directives: [...(node.directives ?? []), scopes(policy.read)] };
      }
      return undefined;
    },
  });
  return print(edited);
}
