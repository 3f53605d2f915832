import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, signCallerContext, type CallerContext } from '@infusion/subgraph-kit/auth';
import { SubgraphConnectionError, SubgraphDeadlineError, type SubgraphClient, type SubgraphReply } from '@infusion/subgraph-kit/http';
import { deadlineExceeded, subgraphUnavailable } from './unavailable';

/** What a subgraph call needs from the operation it serves. */
export interface OperationCallContext {
  caller: CallerContext;
  /** Aborts every subgraph call of the operation when its deadline passes. */
  deadline: AbortSignal;
  /** Signed once per operation, sent with every subgraph call it makes. */
  signedContext?: Promise<string>;
  /** Set before a mutation's fetch is sent: from then on its outcome may be unknown. */
  mutationSent?: boolean;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/**
 * Calls one subgraph for the query planner. It sends the signed caller context (who, which
 * clients, which scopes), stops at the operation's deadline, and sends a fetch that only reads
 * (a query's, or `_entities`) once more after a connection-level failure; a mutation's fetch is
 * never repeated. Failures to reach the subgraph are SERVICE_UNAVAILABLE, not internal errors.
 * A GraphQL answer is taken whatever its HTTP status, so the subgraph's own error codes reach the
 * caller.
 */
export class SubgraphDataSource<TContext extends OperationCallContext> implements GraphQLDataSource<TContext> {
  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly client: SubgraphClient,
    private readonly key: Uint8Array,
    /** For calls outside any operation (none today: the supergraph is static). */
    private readonly timeoutMs: number,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<SubgraphResponse> {
    const { request } = options;
    const mutation = isMutation(request.query);
    const headers: Record<string, string> = {};
    let signal: AbortSignal;
    if (isIncomingOperation(options)) {
      // Only operations carry a caller; health checks and schema loading do not (shared/STACK.md).
      const { context } = options;
      context.signedContext ??= signCallerContext(context.caller, this.key);
      headers[CONTEXT_HEADER] = await context.signedContext;
      headers['x-request-id'] = context.caller.requestId;
      signal = context.deadline;
      if (signal.aborted) throw deadlineExceeded(!context.mutationSent);
      if (mutation) context.mutationSent = true;
    } else {
      signal = AbortSignal.timeout(this.timeoutMs);
    }

    let reply: SubgraphReply;
    try {
      reply = await this.client.postJson(
        this.url,
        { query: request.query, variables: request.variables, operationName: request.operationName },
        headers,
        { signal, retry: !mutation },
      );
    } catch (error) {
      const context = isIncomingOperation(options) ? options.context : undefined;
      if (error instanceof SubgraphDeadlineError) throw deadlineExceeded(!context?.mutationSent);
      if (error instanceof SubgraphConnectionError) throw subgraphUnavailable(!(mutation && error.mayHaveArrived));
      throw error;
    }

    const body = reply.json as SubgraphResponse | undefined;
    if (body && typeof body === 'object' && ('data' in body || 'errors' in body)) {
      return { data: body.data, errors: body.errors, extensions: body.extensions };
    }
    // A proxy in front of the subgraph saying it is down or overloaded.
    if (reply.status === 502 || reply.status === 503 || reply.status === 504) throw subgraphUnavailable(!mutation);
    throw new Error(`The ${this.name} subgraph answered HTTP ${reply.status} without a GraphQL body`);
  }
}

/**
 * Only an incoming operation carries the caller (health checks and schema loading do not).
 * Told apart by its `incomingRequestContext`, because @apollo/gateway does not export the
 * `GraphQLDataSourceRequestKind` enum from its public entry point.
 */
function isIncomingOperation<TContext extends OperationCallContext>(
  options: GraphQLDataSourceProcessOptions<TContext>,
): options is Extract<GraphQLDataSourceProcessOptions<TContext>, { incomingRequestContext: unknown }> {
  return 'incomingRequestContext' in options;
}
