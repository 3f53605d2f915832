import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '@infusion/subgraph-kit/errors';
import { getNullableType, isListType, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

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

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, selection.name.value.startsWith('__') ? 0 : 1 + depthOf(selection.selectionSet, fragments, seen));
    else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      deepest = Math.max(deepest, depthOf(fragments.get(selection.name.value)?.selectionSet, fragments, seen));
    }
  }
  return deepest;
}

export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return operation && operation.kind === Kind.OPERATION_DEFINITION ? depthOf(operation.selectionSet, fragments) : 0;
}

/** Refuses operations too deep or too costly before any subgraph is called. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const depth = operationDepth(document, request.operationName);
          if (depth > limits.maxDepth) {
            throw new AppError('QUERY_TOO_COMPLEX', `The operation is ${depth} levels deep; the limit is ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
          }
          const complexity = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined, estimators: [estimator] });
          if (complexity > limits.maxComplexity) {
            throw new AppError('QUERY_TOO_COMPLEX', `The operation costs ${complexity}; the limit is ${limits.maxComplexity}`, { complexity, maxComplexity: limits.maxComplexity });
          }
        },
      };
    },
  };
}
