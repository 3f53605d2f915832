import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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

export const forbidden = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('FORBIDDEN', message, details);

/** Database constraint names are part of our migrations, so they can be told apart from bugs. */
function fromDatabaseError(error: unknown): { code: ErrorCode; message: string } | undefined {
  const name = (error as { name?: string } | undefined)?.name ?? '';
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
  if (name === 'OptimisticLockError') {
    return { code: 'CONFLICT', message: 'The record was changed by someone else; reload and try again' };
  }
  return undefined;
}

export type ErrorLogger = (error: unknown, formatted: GraphQLFormattedError) => void;

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
      return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT', validationErrors } };
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
    if (mapped) return { ...base, message: mapped.message, extensions: { code: mapped.code } };

    log(original, formatted);
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

function defaultLogger(error: unknown, formatted: GraphQLFormattedError): void {
  console.error(`[error] ${formatted.path?.join('.') ?? '(operation)'}:`, error);
}
