import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum from the domain's list of values (`SITE_KINDS`), registered with type-graphql
 * under `name`: the values stay defined once, in the domain module, and the schema says what they mean.
 */
export function graphqlEnum<const V extends string>(values: readonly V[], name: string, description: string): { [K in V]: K } {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
