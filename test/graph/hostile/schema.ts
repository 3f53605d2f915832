import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@infusion/devstack';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The API the gateway serves, read from the composed supergraph (infra/supergraph.graphql, which
 * test/schema.test.ts keeps in step with the subgraphs). Everything the hostile suite probes is
 * generated from it, so a field added by a later issue is probed without anyone listing it.
 */
export function apiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(REPO_ROOT, 'infra', 'supergraph.graphql'), 'utf8'));
}

/** A field the API hides (`@inaccessible`) is not part of it. */
function accessible(element: { astNode?: { directives?: readonly { name: { value: string } }[] } | null }): boolean {
  return !element.astNode?.directives?.some((d) => d.name.value === 'inaccessible');
}

export type AnyField = GraphQLField<unknown, unknown>;

export function fieldsOf(type: GraphQLObjectType): AnyField[] {
  return Object.values(type.getFields()).filter(accessible);
}

export function argsOf(field: AnyField): readonly GraphQLArgument[] {
  return field.args.filter(accessible);
}

export function inputFieldsOf(type: GraphQLNamedType): GraphQLInputField[] {
  return isInputObjectType(type) ? Object.values(type.getFields()).filter(accessible) : [];
}

/** A root operation: a Query or Mutation field. */
export interface RootField {
  operation: 'query' | 'mutation';
  field: AnyField;
  /** `Query.site`, `Mutation.bookAppointment`. */
  coordinate: string;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: RootField[] = [];
  for (const [operation, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    if (!type) continue;
    for (const field of fieldsOf(type)) roots.push({ operation, field, coordinate: `${type.name}.${field.name}` });
  }
  return roots;
}

export const isList = (type: GraphQLOutputType | GraphQLInputType): boolean => isListType(getNullableType(type));
export const isRequired = (arg: { type: GraphQLInputType; defaultValue?: unknown }): boolean =>
  isNonNullType(arg.type) && arg.defaultValue === undefined;

/** A leaf the generator can select without a sub-selection. */
export const isLeaf = (type: GraphQLOutputType): boolean => {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
};

/** A Relay connection: `edges { node }` plus `pageInfo`. */
export function connectionNode(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  const edges = named.getFields().edges;
  if (!edges || !isList(edges.type)) return undefined;
  const edge = getNamedType(edges.type);
  if (!isObjectType(edge)) return undefined;
  const node = edge.getFields().node ? getNamedType(edge.getFields().node!.type) : undefined;
  return node && isObjectType(node) ? node : undefined;
}

/** The entity a field returns: the node of a connection, the item of a list, or the object itself. */
export function entityOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const node = connectionNode(type);
  if (node) return node;
  const named = getNamedType(type);
  return isObjectType(named) ? named : undefined;
}

/** A field that answers many objects: a connection or a list of objects. */
export const answersMany = (field: AnyField): boolean =>
  connectionNode(field.type) !== undefined || (isList(field.type) && !isLeaf(field.type));

/** Types whose instances belong to one client: they carry `clientId` (or are the Client). */
export function isTenantType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && (type.name === 'Client' || 'clientId' in type.getFields() || 'clientIds' in type.getFields());
}

export const isAbstract = (type: GraphQLNamedType): boolean => isInterfaceType(type) || isUnionType(type);
