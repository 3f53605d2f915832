import type { CombinedError } from 'urql';

export interface Problem {
  /** The graph's extensions.code, or NETWORK when the gateway could not be reached. */
  code: string;
  title: string;
  message: string;
  /** Seconds to wait (RATE_LIMITED) when the gateway said. */
  retryAfterSeconds?: number;
}

const TITLES: Record<string, string> = {
  FORBIDDEN: 'Not allowed',
  RATE_LIMITED: 'Too many requests',
  UNAUTHENTICATED: 'Signed out',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Refused: conflict',
  BAD_USER_INPUT: 'Check the input',
  QUERY_TOO_COMPLEX: 'Request too large',
  SERVICE_UNAVAILABLE: 'Temporarily unavailable',
  INTERNAL_SERVER_ERROR: 'Something went wrong',
  NETWORK: 'Gateway unreachable',
};

/** What a failed operation means to the user, as the graph explained it. */
export function problemOf(error: CombinedError | { code: string; message: string; extensions?: Record<string, unknown> }): Problem {
  if ('graphQLErrors' in error) {
    const first = error.graphQLErrors[0];
    if (!first) return { code: 'NETWORK', title: TITLES.NETWORK!, message: error.networkError?.message ?? error.message };
    return problemOf({ code: String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), message: first.message, extensions: first.extensions });
  }
  const retry = error.extensions?.retryAfterSeconds;
  return {
    code: error.code,
    title: TITLES[error.code] ?? error.code,
    message: error.message,
    retryAfterSeconds: typeof retry === 'number' ? retry : undefined,
  };
}

/** The graph's explanation in extensions (e.g. a refused chair retirement lists the appointments). */
export function extensionsOf(error: CombinedError | undefined): Record<string, unknown> {
  return (error?.graphQLErrors[0]?.extensions as Record<string, unknown> | undefined) ?? {};
}
