import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FormattedExecutionResult } from 'graphql';
import express from 'express';
import { clearedCookieHeader, CONSOLE_HEADER, fromOwnOrigin, sessionCookie, sessionCookieHeader } from './session';

/** Runs one operation through the graph as the request's caller (the gateway's own rules apply: rate limits, audit address). */
export type RunOperation = (
  req: express.Request,
  authorization: string | undefined,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ status: number; result: FormattedExecutionResult }>;

export interface ConsoleOptions {
  /** The built console (apps/console/dist); nothing is served at / when it has no index.html. */
  distDir?: string;
  run: RunOperation;
  /** Forgets a credential this gateway cached as accepted, once it is signed out. */
  forgetCredential(credential: string): void;
}

/**
 * Strict: scripts only from the gateway's own files, never inline; answers only to /graphql.
 * Inline `style` attributes are allowed (Mantine and the charts position elements with them);
 * they cannot run code.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that are never the console's client routes, whatever the method. */
const API_PATHS = ['/graphql', '/healthz', '/readyz', '/metrics', '/console/session'];
const isApiPath = (path: string) => API_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

const SIGN_IN = 'mutation ConsoleSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token expiresAt user { id displayName role } } }';
const SIGN_OUT = 'mutation ConsoleSignOut { signOut }';

function refuse(res: express.Response, status: number, message: string, code: string, reason?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] });
}

/** Session routes refuse what a cross-site page could send: no console header, another origin, not JSON. */
const consoleRequestOnly: express.RequestHandler = (req, res, next) => {
  if (req.headers[CONSOLE_HEADER] !== '1') return refuse(res, 403, 'Console session requests need the X-Infusion-Console header', 'FORBIDDEN', 'NOT_A_CONSOLE_REQUEST');
  if (!fromOwnOrigin(req)) return refuse(res, 403, 'The console session is accepted only from the console itself', 'FORBIDDEN', 'FOREIGN_ORIGIN');
  next();
};

/** A GraphQL answer passed on without its data (the token never leaves in a body). */
const errorsOf = (result: FormattedExecutionResult) => ({ errors: result.errors });

/**
 * The console's routes: `POST /console/session` signs in through the graph and keeps the token in
 * an HttpOnly cookie, `DELETE /console/session` signs out through the graph and clears it, and the
 * built console is served at / with its client routes falling back to index.html.
 */
export function consoleRoutes(options: ConsoleOptions): express.Router {
  const router = express.Router();
  const jsonOnly: express.RequestHandler = (req, res, next) =>
    req.is('application/json') ? next() : refuse(res, 415, 'Sign in with a JSON body {"email", "password"}', 'BAD_USER_INPUT', 'UNSUPPORTED_MEDIA_TYPE');
  router.post('/console/session', consoleRequestOnly, jsonOnly, express.json({ limit: '8kb' }), async (req, res, next) => {
    try {
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== 'string' || typeof password !== 'string') return refuse(res, 400, 'Sign in with a JSON body {"email", "password"}', 'BAD_USER_INPUT');
      const { status, result } = await options.run(req, undefined, SIGN_IN, { email, password });
      const signIn = (result.data as { signIn?: { token: string; expiresAt: string; user: unknown } } | null | undefined)?.signIn;
      if (!signIn || result.errors?.length) {
        const code = result.errors?.[0]?.extensions?.code;
        return res.status(code === 'UNAUTHENTICATED' ? 401 : status === 200 ? 400 : status).json(errorsOf(result));
      }
      res.setHeader('set-cookie', sessionCookieHeader(req, signIn.token, new Date(signIn.expiresAt)));
      res.setHeader('cache-control', 'no-store');
      res.json({ user: signIn.user, expiresAt: signIn.expiresAt });
    } catch (error) {
      next(error);
    }
  });
  router.delete('/console/session', consoleRequestOnly, async (req, res, next) => {
    try {
      const token = sessionCookie(req);
      // The cookie goes whatever identity answers: a session already ended is still signed out here.
      res.setHeader('set-cookie', clearedCookieHeader(req));
      if (token !== undefined) {
        await options.run(req, `Bearer ${token}`, SIGN_OUT, {}).catch(() => undefined);
        // This gateway stops accepting it at once; others within their credential cache time (AUTH_CACHE_MS).
        options.forgetCredential(token);
      }
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  const distDir = options.distDir;
  if (distDir && existsSync(join(distDir, 'index.html'))) {
    const securityHeaders = (res: express.Response) => {
      res.setHeader('content-security-policy', CONSOLE_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('x-frame-options', 'DENY');
    };
    router.use(
      express.static(distDir, {
        index: false,
        fallthrough: true,
        setHeaders: (res, path) => {
          securityHeaders(res);
          // Vite names assets by content hash: they never change; index.html always may.
          res.setHeader('cache-control', path.includes(`${join(distDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
    router.use((req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      // API paths keep their JSON answers, a missing file (/assets/x.js, /favicon.ico) is a 404, and
      // besides / itself only a browser navigating (Accept naming text/html) gets the app: a program
      // asking an unknown path still gets the JSON NOT_FOUND.
      const navigating = req.path === '/' || (req.headers.accept ?? '').includes('text/html');
      if (isApiPath(req.path) || /\.[a-z0-9]+$/i.test(req.path) || !navigating) return next();
      securityHeaders(res);
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(join(distDir, 'index.html'));
    });
  }
  return router;
}
