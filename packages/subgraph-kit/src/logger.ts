// Loaded by the gateway too: nothing here may pull in the ORM or type-graphql.
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever they appear (one or two levels deep):
 * credentials, and the free text callers submit (search terms, cancel reasons, names).
 */
const REDACTED_KEYS = ['authorization', 'password', 'token', 'secret', 'credential', 'key', 'variables', 'search', 'reason', 'query', 'sql', 'params', 'bindings', 'detail'];

/** SQLSTATE: five digits or upper-case letters (e.g. 23505, 57014, 25P03). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Marks an error that came back from PostgreSQL (set where queries run, see database.ts). */
export const DATABASE_ERROR = 'fromDatabase';

/**
 * Whether an error came from the database. Its message then carries the statement with every
 * literal value inlined (MikroORM inlines parameters and knex prefixes the SQL to the message),
 * and PostgreSQL's own detail quotes the offending row: neither may be logged.
 */
export function isDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return e[DATABASE_ERROR] === true || (typeof e.code === 'string' && SQLSTATE.test(e.code)) || typeof e.sqlState === 'string';
}

/**
 * What a log line may say about an error. A database error is told by its class, SQLSTATE and the
 * names of the constraint, table and column involved (all from our migrations), never by its
 * message, statement or detail. Other errors keep their message and stack (our own code wrote them).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error).slice(0, 200) };
  const e = error as Record<string, unknown> & { name?: string; message?: string; stack?: string };
  const type = e.name ?? e.constructor?.name ?? 'Error';
  if (isDatabaseError(error)) {
    const fields: Record<string, unknown> = { type, sqlState: e.code ?? e.sqlState };
    for (const name of ['severity', 'schema', 'table', 'column', 'constraint', 'routine'] as const) {
      if (typeof e[name] === 'string') fields[name] = e[name];
    }
    return fields;
  }
  const described: Record<string, unknown> = { type, message: String(e.message ?? '').slice(0, 500) };
  if (typeof e.code === 'string') described.code = e.code;
  if (typeof e.stack === 'string') described.stack = e.stack.split('\n').slice(0, 12).join('\n');
  const cause = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  if (cause && cause !== error) described.cause = describeError(cause);
  return described;
}

/**
 * The platform's structured logger: one JSON line per event on stdout, level names spelled out,
 * secrets and submitted text redacted, errors described by `describeError`. `LOG_LEVEL` sets the
 * level (default `info`). Each process names itself with `createLogger(service)`.
 */
export const LOG_OPTIONS: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: describeError, error: describeError },
  redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: '[redacted]' },
};

export const logger: Logger = pino(LOG_OPTIONS);

/**
 * Names the process in every line of the shared `logger` (call once at start, e.g. `inventory`,
 * `gateway`) and returns it; modules that log at import time use `logger` and so get the name too.
 */
export function createLogger(service: string): Logger {
  logger.setBindings({ service });
  return logger;
}
