import { BREAK, TypeInfo, getNamedType, isAbstractType, isObjectType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * The GraphQL types through which a field can return an entity whose reads are audited: the
 * entities' own types (and their subclasses'), unions and interfaces one of them belongs to, and
 * types with a field of one of those (a payload without an id is looked into one level deep when
 * the audit collects what a field returned).
 */
export function auditedReadTypes(schema: GraphQLSchema, audited: Constructor[]): Set<string> {
  const entityTypes = new Set<string>();
  for (const objectType of getMetadataStorage().objectTypes) {
    const target = objectType.target as Constructor;
    if (audited.some((type) => target === type || target.prototype instanceof type)) entityTypes.add(objectType.name);
  }
  const types = Object.values(schema.getTypeMap());
  for (const type of types) {
    if (isAbstractType(type) && schema.getPossibleTypes(type).some((t) => entityTypes.has(t.name))) entityTypes.add(type.name);
  }
  const reach = new Set(entityTypes);
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const type of types) {
    if (isObjectType(type) && !roots.includes(type) && Object.values(type.getFields()).some((field) => entityTypes.has(getNamedType(field.type).name))) reach.add(type.name);
  }
  return reach;
}

/**
 * Whether an operation selects any field of those types, anywhere (fragments included). An
 * operation that does not can return no audited entity, so its fields need not be looked at one
 * by one: a 200-client fee report is ~10,000 fields.
 */
export function selectsAnyType(schema: GraphQLSchema, document: DocumentNode, typeNames: Set<string>): boolean {
  if (typeNames.size === 0) return false;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (type && typeNames.has(getNamedType(type).name)) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}
