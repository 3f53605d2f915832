import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from './logger';
import { firstFailedRule } from './validation';

/**
 * The error codes a client may see (DESIGN section 7). Anything else is reported as
 * INTERNAL_SERVER_ERROR with a generic message, so no stack trace or SQL ever leaves a server.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const PUBLIC_CODES = new Set<string>(ERROR_CODES);

/** Codes that Apollo Server and graphql-js produce for a malformed request: the caller's fault. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const notFound = (type: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${type} ${id} was not found`, { type, id });

export const badInput = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('BAD_USER_INPUT', message, details);

export const conflict = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('CONFLICT', message, details);

/**
 * The caller is not (or no longer) known. Where the answer is the whole HTTP response (the
 * gateway, a subgraph's context check) pass 401; a field error inside a plan keeps HTTP 200.
 */
export const unauthenticated = (message: string, httpStatus?: 401): AppError =>
  new AppError('UNAUTHENTICATED', message, httpStatus ? { http: { status: httpStatus } } : {});

export const forbidden = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('FORBIDDEN', message, details);

/** PostgreSQL data exceptions (class 22) caused by a value a client sent. */
const VALUE_OUT_OF_RANGE: Record<string, string> = {
  '22001': 'A text value is longer than allowed',
  '22003': 'A number is out of range',
  '22008': 'A date or time is out of range',
  '22021': 'A text value contains a character that cannot be stored',
  '22P05': 'A text value contains a character that cannot be stored',
};

/** Why an operation could not be served right now; the same operation may succeed when retried. */
export type UnavailableReason =
  | 'STATEMENT_TIMEOUT'
  | 'POOL_EXHAUSTED'
  | 'IDLE_IN_TRANSACTION'
  | 'DEADLINE_EXCEEDED'
  | 'DATABASE_UNAVAILABLE'
  | 'SUBGRAPH_UNAVAILABLE';

const UNAVAILABLE_MESSAGES: Record<UnavailableReason, string> = {
  STATEMENT_TIMEOUT: 'The operation took too long in the database and was stopped; try again',
  POOL_EXHAUSTED: 'The service is busy (no database connection free); try again',
  IDLE_IN_TRANSACTION: 'The operation waited too long between database steps and was stopped; try again',
  DEADLINE_EXCEEDED: 'The operation did not finish in time; try again',
  DATABASE_UNAVAILABLE: 'The database cannot be reached right now; try again',
  SUBGRAPH_UNAVAILABLE: 'A service behind the graph cannot be reached right now; try again',
};

/** SERVICE_UNAVAILABLE (HTTP 503 at the gateway): overload or a timeout, never the caller's mistake. */
export const serviceUnavailable = (reason: UnavailableReason): AppError =>
  new AppError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGES[reason], { retryable: true, reason });

/** The reason a database failure is a passing one (timeouts, overload), or undefined for any other failure. */
export function unavailableReason(error: unknown): UnavailableReason | undefined {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  // query_canceled: statement_timeout (the only canceller we run).
  if (code === '57014') return 'STATEMENT_TIMEOUT';
  // idle_in_transaction_session_timeout ended the session.
  if (code === '25P03') return 'IDLE_IN_TRANSACTION';
  if (name === 'KnexTimeoutError') return 'POOL_EXHAUSTED';
  // connection exceptions, too many connections, server shutting down or starting.
  if (code.startsWith('08') || code === '53300' || code === '57P01' || code === '57P03') return 'DATABASE_UNAVAILABLE';
  return undefined;
}

/** Database constraint names are part of our migrations, so they can be told apart from bugs. */
function fromDatabaseError(error: unknown): { code: ErrorCode; message: string; extensions?: Record<string, unknown> } | undefined {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const reason = unavailableReason(error);
  if (reason) {
    const { message, extensions } = serviceUnavailable(reason);
    return { code: 'SERVICE_UNAVAILABLE', message, extensions: { retryable: extensions.retryable, reason } };
  }
  if (name === 'UniqueConstraintViolationException') {
    return { code: 'CONFLICT', message: 'A record with the same unique values already exists' };
  }
  if (name === 'ForeignKeyConstraintViolationException') {
    return { code: 'BAD_USER_INPUT', message: 'A referenced record does not exist' };
  }
  if (name === 'CheckConstraintViolationException' || name === 'NotNullConstraintViolationException') {
    return { code: 'BAD_USER_INPUT', message: 'A value breaks a rule of the data model' };
  }
  // exclusion_violation: e.g. two bookings of one chair overlap (MikroORM has no class for it).
  if ((error as { code?: string } | undefined)?.code === '23P01') {
    return { code: 'CONFLICT', message: 'This overlaps with an existing record' };
  }
  // invalid_text_representation: e.g. a malformed UUID or enum value reached SQL.
  if ((error as { code?: string } | undefined)?.code === '22P02') {
    return { code: 'BAD_USER_INPUT', message: 'A value has the wrong format' };
  }
  // Second line behind the input guard: a value PostgreSQL cannot store (NUL in text, a number
  // or date out of its column's range, text longer than its column) is the caller's, not ours.
  const unstorable = VALUE_OUT_OF_RANGE[(error as { code?: string } | undefined)?.code ?? ''];
  if (unstorable) return { code: 'BAD_USER_INPUT', message: unstorable };
  if (name === 'OptimisticLockError') {
    return { code: 'CONFLICT', message: 'The record was changed by someone else; reload and try again' };
  }
  return undefined;
}

/** Logs an unexpected error; `expected` (optional) notes a mapped database outcome. */
export type ErrorLogger = ((error: unknown, formatted: GraphQLFormattedError) => void) & {
  expected?: (error: unknown, code: ErrorCode) => void;
};

/**
 * Apollo Server `formatError`: keeps our codes, turns request errors into BAD_USER_INPUT,
 * maps constraint violations, and hides everything else behind INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(log: ErrorLogger = defaultLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
    const code = String(formatted.extensions?.code ?? '');
    const base = { locations: formatted.locations, path: formatted.path };

    // type-graphql's class-validator failures carry the failing constraints per field.
    const validationErrors = (original as { extensions?: { validationErrors?: unknown } } | undefined)?.extensions
      ?.validationErrors;
    if (validationErrors) {
      const first = firstFailedRule(validationErrors);
      const message = first ? first.message : formatted.message;
      return { ...base, message, extensions: { code: 'BAD_USER_INPUT', ...(first && { argument: first.argument }), validationErrors } };
    }
    if (PUBLIC_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      // `http` tells Apollo Server the status and headers; it is not for the client to read.
      const { exception: _drop, stacktrace: _st, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...base, message: formatted.message, extensions: { ...extensions, code } };
    }
    if (REQUEST_ERROR_CODES.has(code)) {
      return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT', reason: code } };
    }
    const mapped = fromDatabaseError(original);
    if (mapped) {
      // Expected outcomes (a caller's conflict, a timeout): named by SQLSTATE and constraint only.
      log.expected?.(original, mapped.code);
      return { ...base, message: mapped.message, extensions: { ...mapped.extensions, code: mapped.code } };
    }

    log(original, formatted);
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Errors are described by `describeError`: a database error by SQLSTATE and constraint, never its SQL. */
const defaultLogger: ErrorLogger = Object.assign(
  (error: unknown, formatted: GraphQLFormattedError) => {
    logger.error({ err: error, path: formatted.path?.join('.') }, 'unexpected error answered INTERNAL_SERVER_ERROR');
  },
  {
    expected: (error: unknown, code: ErrorCode) => {
      logger.info({ err: error, code }, `database outcome answered ${code}`);
    },
  },
);
