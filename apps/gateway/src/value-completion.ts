import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

interface CompletionError {
  message?: string;
  path?: readonly (string | number)[];
}

/**
 * No silent nulls. When no subgraph reported an error but a non-nullable field came back null —
 * typically an entity its owner's `_entities` did not find, e.g. `appointment.chair` naming a chair
 * that does not exist for the caller — @apollo/gateway 2.14 nulls the parents up to `data: null`
 * and files the reasons under `extensions.valueCompletion`, leaving `errors` empty
 * (executeQueryPlan: `errors.length === 0 && postProcessingErrors.length > 0`). A client then reads
 * "no data, no error", and after a mutation cannot tell that the write was made. This plugin turns
 * them into `NOT_FOUND` errors at their paths.
 *
 * For a mutation the write has been committed by then: subgraphs commit before the gateway
 * resolves other subgraphs' fields of the answer, and roll back on any error of their own, so an
 * operation that reaches here had every write succeed. The error says so (`committed: true`)
 * rather than pretending the write failed. Writes verify what they reference before writing
 * (GraphClient), which is what keeps this from happening to them.
 */
export function valueCompletionErrors(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const { valueCompletion, ...extensions } = result.extensions ?? {};
          if (!Array.isArray(valueCompletion) || valueCompletion.length === 0) return;
          const mutation = operation?.operation === 'mutation';
          const errors = (valueCompletion as CompletionError[]).map((error): GraphQLFormattedError => {
            const path = error.path ? [...error.path] : undefined;
            const where = path ? `\`${path.join('.')}\`` : 'A field';
            const unresolved = `${where} could not be resolved: a record it refers to was not found`;
            return mutation
              ? {
                  message: `${path?.[0] ?? 'The mutation'} was carried out, but its answer could not be completed: ${unresolved}`,
                  path,
                  extensions: { code: 'NOT_FOUND', reason: 'UNRESOLVED_REFERENCE', committed: true },
                }
              : { message: unresolved, path, extensions: { code: 'NOT_FOUND', reason: 'UNRESOLVED_REFERENCE' } };
          });
          result.errors = [...(result.errors ?? []), ...errors];
          result.extensions = Object.keys(extensions).length > 0 ? extensions : undefined;
        },
      };
    },
  };
}
