import { AppError } from '@infusion/subgraph-kit/errors';

/**
 * SERVICE_UNAVAILABLE (HTTP 503): the platform could not answer in time or reach a service; never
 * the caller's mistake. `retryable` is false only when a mutation may have run before the failure,
 * so that repeating it blindly could do it twice.
 */
function unavailable(reason: 'DEADLINE_EXCEEDED' | 'SUBGRAPH_UNAVAILABLE', message: string, retryable: boolean): AppError {
  return new AppError('SERVICE_UNAVAILABLE', message, { reason, retryable, http: { status: 503 } });
}

export const deadlineExceeded = (retryable: boolean): AppError =>
  unavailable(
    'DEADLINE_EXCEEDED',
    retryable ? 'The operation did not finish in time; try again' : 'The operation did not finish in time and its changes may or may not have been made; check before trying again',
    retryable,
  );

export const subgraphUnavailable = (subgraph: string, retryable: boolean): AppError =>
  unavailable(
    'SUBGRAPH_UNAVAILABLE',
    retryable ? `The ${subgraph} service cannot be reached right now; try again` : `The ${subgraph} service stopped answering; its changes may or may not have been made, check before trying again`,
    retryable,
  );
