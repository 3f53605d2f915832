// Loaded by the gateway too: nothing here may pull in the ORM or type-graphql.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * Keep-alive timing for every server of the platform and for the gateway's calls to them.
 *
 * A client that reuses an idle connection at the moment the server closes it gets "socket hang
 * up" / ECONNRESET. Node's HTTP server closes idle connections after 5 s by default, and the
 * gateway's agent kept them with no timeout at all, so a gateway call now and then landed on a
 * connection the subgraph was closing. The rule that prevents it: the client side drops an idle
 * connection long before the server would. The margin is wide (35 s) because under a saturated
 * CPU either side's timers fire late.
 */
export const KEEP_ALIVE = {
  /** How long our servers keep an idle keep-alive connection open (above common 60 s proxies). */
  serverIdleMs: 65_000,
  /** How long the gateway keeps an idle connection to a subgraph before closing it itself. */
  clientIdleMs: 30_000,
} as const;

/** A slow client may take this long to send its headers, then its whole request (slowloris). */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** The JSON body every HTTP-level failure answers with: a GraphQL error, no stack, no paths. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

function sendError(res: express.Response, status: number, message: string, code: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(message, code, extensions)));
}

/** What body-parser's error types mean to a client; anything else is our fault. */
const BODY_ERRORS: Record<string, { status: number; message: string; reason: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON', reason: 'MALFORMED_JSON' },
  'entity.too.large': { status: 413, message: 'The request body is too large', reason: 'BODY_TOO_LARGE' },
  'charset.unsupported': { status: 415, message: 'The request body must be UTF-8', reason: 'UNSUPPORTED_CHARSET' },
  'encoding.unsupported': { status: 415, message: 'The request body uses an unsupported content encoding', reason: 'UNSUPPORTED_ENCODING' },
  'request.aborted': { status: 400, message: 'The request body was not sent completely', reason: 'INCOMPLETE_BODY' },
  'request.size.invalid': { status: 400, message: 'The request body does not match its Content-Length', reason: 'INCOMPLETE_BODY' },
};

/**
 * The body of a GraphQL POST: JSON in UTF-8 (RFC 8259; the GraphQL-over-HTTP spec requires
 * nothing else) up to `limit`. Other charsets and media types are refused here with a JSON
 * error, instead of reaching Apollo Server without a body.
 */
export function graphqlBody(limit = '1mb'): express.RequestHandler[] {
  const requireUtf8Json: express.RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') return next();
    const contentType = req.headers['content-type'] ?? '';
    if (!req.is('application/json')) {
      return sendError(res, 415, 'A GraphQL POST must have the content type application/json', 'BAD_USER_INPUT', { reason: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return sendError(res, 415, BODY_ERRORS['charset.unsupported']!.message, 'BAD_USER_INPUT', { reason: 'UNSUPPORTED_CHARSET' });
    }
    next();
  };
  return [requireUtf8Json, express.json({ limit })];
}

/**
 * Routes nothing else answered, and errors nothing else handled, as JSON GraphQL errors. Express'
 * own handler answers an HTML page with the stack trace and absolute paths; this replaces it.
 * Register it after every route.
 */
export function answerUnhandledAsJson(app: express.Express, log: (error: unknown) => void): void {
  app.use((_req, res) => {
    sendError(res, 404, 'Not found: the GraphQL endpoint is /graphql', 'NOT_FOUND');
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: unknown } | undefined)?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) return sendError(res, known.status, known.message, 'BAD_USER_INPUT', { reason: known.reason });
    const status = Number((error as { status?: unknown } | undefined)?.status);
    // Any other client error (e.g. a malformed URL): the status stands, the message is ours.
    if (status >= 400 && status < 500) return sendError(res, status, 'The request is malformed', 'BAD_USER_INPUT', { reason: 'MALFORMED_REQUEST' });
    log(error);
    sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  });
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Lets a request through only with `Authorization: Bearer <token>` (e.g. `/metrics` with
 * METRICS_TOKEN). Without a configured token the route answers nobody.
 */
export function requireBearer(token: string | undefined): express.RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (req, res, next) => {
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (expected && presented && timingSafeEqual(digest(presented), expected)) return next();
    sendError(res, 401, 'This endpoint needs `Authorization: Bearer <token>`', 'UNAUTHENTICATED');
  };
}

export interface RunningHttpServer {
  /** `http://host:port/graphql` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens with the platform's keep-alive and slow-client timeouts (see KEEP_ALIVE). */
export function listenHttp(app: express.Express, port: number, host = '127.0.0.1'): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: KEEP_ALIVE.serverIdleMs, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, app);
    server.once('error', reject);
    server.listen(port, host, () => {
      const url = `http://${host}:${(server.address() as AddressInfo).port}/graphql`;
      resolve({
        url,
        server,
        close() {
          const closed = new Promise<void>((done) => server.close(() => done()));
          // Idle keep-alive connections (the gateway keeps some) would hold close() open.
          server.closeIdleConnections();
          return closed;
        },
      });
    });
  });
}

export * from './subgraph-client';
