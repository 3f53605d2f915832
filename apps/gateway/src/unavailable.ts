import { AppError, serviceUnavailable } from '@infusion/subgraph-kit/errors';

/**
 * SERVICE_UNAVAILABLE (HTTP 503) from the gateway: the operation did not finish in time, or a
 * subgraph could not be reached; never the caller's mistake. `retryable` is false only when a
 * mutation may have run before the failure, so that repeating it blindly could do it twice.
 */
function unavailable(reason: 'DEADLINE_EXCEEDED' | 'SUBGRAPH_UNAVAILABLE', retryable: boolean): AppError {
  const { message } = serviceUnavailable(reason);
  return new AppError(
    'SERVICE_UNAVAILABLE',
    retryable ? message : `${message.replace(/; try again$/, '')}: the change it asked for may or may not have been made, check before trying again`,
    { reason, retryable, http: { status: 503 } },
  );
}

export const deadlineExceeded = (retryable: boolean): AppError => unavailable('DEADLINE_EXCEEDED', retryable);

export const subgraphUnavailable = (retryable: boolean): AppError => unavailable('SUBGRAPH_UNAVAILABLE', retryable);
