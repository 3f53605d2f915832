import { AppError } from '@infusion/subgraph-kit/errors';
import {
  getNullableType,
  getVariableValues,
  GraphQLError,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  /** Levels of nested fields. */
  maxDepth: number;
  /** The estimated number of objects an operation may return (see `estimator`). */
  maxComplexity: number;
  /** Aliased fields, counted as often as fragments repeat them. */
  maxAliases: number;
  /** Fields at the root of the operation. */
  maxRootFields: number;
  /** Fields in all, counted as often as fragments repeat them: bounds validation's pairwise checks. */
  maxFields: number;
  /** Lexical tokens in a document: bounds parsing and validation before anything is known of it. */
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxComplexity: 10_000, maxAliases: 30, maxRootFields: 20, maxFields: 300, maxTokens: 3_000 };

/**
 * A field costs 1 plus its children, times the page size for connections (`first`) or 10 for
 * other lists, so a query is priced by roughly how many objects it can return. A connection's
 * `edges` is already counted by its `first`.
 */
const estimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const isList = isListType(getNullableType(field.type)) && field.name !== 'edges';
  return 1 + childComplexity * (first ?? (isList ? 10 : 1));
};

/** What an operation asks for, with every fragment expanded where it is used. */
export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  fields: number;
  /** Asks for `__schema` or `__type`. */
  introspects: boolean;
}

interface SelectionShape {
  depth: number;
  aliases: number;
  /** Fields directly in this selection set (through fragments). */
  fields: number;
  /** Fields in this selection set and below. */
  total: number;
  introspects: boolean;
}

const EMPTY: SelectionShape = { depth: 0, aliases: 0, fields: 0, total: 0, introspects: false };

/**
 * Measures an operation in one pass over the document. A fragment is measured once and its
 * numbers reused wherever it is spread, so a document that repeats a fragment thousands of times
 * costs no more to measure than to read. A fragment cycle counts as empty (validation refuses it).
 */
export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measured = new Map<string, SelectionShape>();
  const measuring = new Set<string>();

  const fragmentShape = (name: string): SelectionShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || measuring.has(name)) return EMPTY;
    measuring.add(name);
    const shape = selectionShape(fragment.selectionSet);
    measuring.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (set: SelectionSetNode): SelectionShape => {
    const shape = { ...EMPTY };
    const add = (inner: SelectionShape) => {
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.aliases += inner.aliases;
      shape.fields += inner.fields;
      shape.total += inner.total;
      shape.introspects ||= inner.introspects;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const children = selection.selectionSet ? selectionShape(selection.selectionSet) : EMPTY;
        shape.depth = Math.max(shape.depth, name.startsWith('__') ? 0 : 1 + children.depth);
        shape.aliases += (selection.alias ? 1 : 0) + children.aliases;
        shape.fields += 1;
        shape.total += 1 + children.total;
        shape.introspects ||= name === '__schema' || name === '__type' || children.introspects;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(selectionShape(selection.selectionSet));
      } else {
        add(fragmentShape(selection.name.value));
      }
    }
    return shape;
  };

  const root = selectionShape(operation.selectionSet);
  return { depth: root.depth, aliases: root.aliases, rootFields: root.fields, fields: root.total, introspects: root.introspects };
}

const tooComplex = (message: string, details: Record<string, unknown>) => new AppError('QUERY_TOO_COMPLEX', message, details);

/** Refuses an operation too deep, too wide, too large or with too many aliases. */
export function assertShapeWithinLimits(shape: OperationShape, limits: QueryLimits): void {
  if (shape.depth > limits.maxDepth) {
    throw tooComplex(`The operation is ${shape.depth} levels deep; the limit is ${limits.maxDepth}`, { depth: shape.depth, maxDepth: limits.maxDepth });
  }
  if (shape.rootFields > limits.maxRootFields) {
    throw tooComplex(`The operation asks for ${shape.rootFields} root fields; the limit is ${limits.maxRootFields}`, { rootFields: shape.rootFields, maxRootFields: limits.maxRootFields });
  }
  if (shape.fields > limits.maxFields) {
    throw tooComplex(`The operation asks for ${shape.fields} fields; the limit is ${limits.maxFields}`, { fields: shape.fields, maxFields: limits.maxFields });
  }
  if (shape.aliases > limits.maxAliases) {
    throw tooComplex(`The operation uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}`, { aliases: shape.aliases, maxAliases: limits.maxAliases });
  }
}

/**
 * Coerces the variables as execution will, so that a wrong value is the caller's BAD_USER_INPUT
 * naming the variable, before anything (the cost estimate included) relies on them.
 */
export function assertVariablesValid(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): void {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  const [error] = result.errors ?? [];
  if (!error) return;
  const definition = error.nodes?.find((node) => node.kind === Kind.VARIABLE_DEFINITION);
  const variable = definition?.kind === Kind.VARIABLE_DEFINITION ? definition.variable.name.value : undefined;
  throw new AppError('BAD_USER_INPUT', error.message, variable ? { variable } : {});
}

/** The operation's estimated cost; what the rate limit charges and `maxComplexity` bounds. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: QueryLimits): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operation.name?.value, estimators: [estimator] });
  } catch (error) {
    // graphql-query-complexity stops counting at 10,000 selections (fragments expanded).
    if (error instanceof GraphQLError) throw tooComplex('The operation selects too many fields', { maxComplexity: limits.maxComplexity });
    throw error;
  }
  if (cost > limits.maxComplexity) {
    throw tooComplex(`The operation costs ${cost}; the limit is ${limits.maxComplexity}`, { complexity: cost, maxComplexity: limits.maxComplexity });
  }
  return cost;
}
