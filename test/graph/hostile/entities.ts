import {
  getNamedType,
  isEnumType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { fieldsOf, isLeaf, type AnyField } from './schema';

/**
 * What each subgraph resolves through `_entities`, read from the supergraph's join directives:
 * for every entity type and every subgraph that can resolve it by `id`, the fields that subgraph
 * contributes. The gateway reaches these with representations it builds itself; a subgraph must
 * still refuse other clients' and other sites' entities when asked directly.
 */
export interface EntityResolution {
  type: GraphQLObjectType;
  /** The subgraph's name (`billing`), as the platform's URLs are keyed. */
  subgraph: string;
  /** Fields this subgraph resolves on the entity. */
  fields: AnyField[];
}

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : value?.kind === Kind.ENUM ? value.value : undefined;
}

/** join__Graph enum value → subgraph name (`@join__graph(name: "billing")`). */
function graphNames(schema: GraphQLSchema): Map<string, string> {
  const graphs = schema.getType('join__Graph');
  const names = new Map<string, string>();
  if (!graphs || !isEnumType(graphs)) return names;
  for (const value of graphs.getValues()) {
    const directive = value.astNode?.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive && stringArgument(directive, 'name');
    if (name) names.set(value.name, name);
  }
  return names;
}

const joins = (node: { directives?: readonly ConstDirectiveNode[] } | null | undefined, name: string) => node?.directives?.filter((d) => d.name.value === name) ?? [];

/** A field belongs to a subgraph when it names it in `@join__field`, or names none (shared). */
function resolvedBy(field: AnyField, graph: string): boolean {
  const fieldJoins = joins(field.astNode, 'join__field');
  return (
    fieldJoins.length === 0 ||
    fieldJoins.some((d) => {
      const external = argument(d, 'external');
      return stringArgument(d, 'graph') === graph && !(external?.kind === Kind.BOOLEAN && external.value);
    })
  );
}

export function entityResolutions(schema: GraphQLSchema): EntityResolution[] {
  const names = graphNames(schema);
  const out: EntityResolution[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const join of joins(type.astNode, 'join__type')) {
      const graph = stringArgument(join, 'graph');
      const resolvable = argument(join, 'resolvable');
      if (!graph || stringArgument(join, 'key') !== 'id' || (resolvable?.kind === Kind.BOOLEAN && !resolvable.value)) continue;
      out.push({ type, subgraph: names.get(graph) ?? graph.toLowerCase(), fields: fieldsOf(type).filter((f) => resolvedBy(f, graph)) });
    }
  }
  return out.sort((a, b) => a.type.name.localeCompare(b.type.name) || a.subgraph.localeCompare(b.subgraph));
}

/**
 * The operation of an `_entities` probe: the subgraph's leaves and, for its object fields, their
 * `__typename` and `id`; `args` prints a field's arguments (made-up, plausible ones).
 */
export function entityOperation(resolution: EntityResolution, args: (field: AnyField) => string): string {
  const parts = ['__typename', 'id'];
  for (const field of resolution.fields) {
    if (field.name === 'id') continue;
    const printed = `${field.name}${args(field)}`;
    if (isLeaf(field.type)) parts.push(printed);
    else {
      const named = getNamedType(field.type);
      parts.push(`${printed} { __typename${isObjectType(named) && named.getFields().id ? ' id' : ''} }`);
    }
  }
  return `query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on ${resolution.type.name} { ${parts.join(' ')} } } }`;
}
