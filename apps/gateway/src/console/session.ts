import type express from 'express';
import { AppError } from '@infusion/subgraph-kit/errors';

/** The console's session cookie: the ops session token, never readable by page scripts (HttpOnly). */
export const SESSION_COOKIE = 'ig_session';
/** The header the console sends with every call. A cross-site page cannot add it without a CORS preflight, which the gateway never grants. */
export const CONSOLE_HEADER = 'x-infusion-console';

/** The session token in the request's `ig_session` cookie, if any. */
export function sessionCookie(req: express.Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      // Session tokens are URL-safe; anything else is not ours and is ignored rather than forwarded.
      return /^[\w.~-]{1,512}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** The gateway's own origin as the browser names it (scheme from a trusted proxy only, see `trust proxy`). */
const ownOrigin = (req: express.Request) => `${req.protocol}://${req.get('host') ?? ''}`;

/**
 * Whether the request comes from a page of the gateway's own origin. Browsers send `Origin` on
 * every POST and on cross-origin requests, and `Sec-Fetch-Site` on every request: either naming
 * another site refuses it.
 */
export function fromOwnOrigin(req: express.Request): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(req)) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

const foreignOrigin = () =>
  new AppError('FORBIDDEN', 'The console session is accepted only from the console itself', { reason: 'FOREIGN_ORIGIN', http: { status: 403 } });

/**
 * The Authorization value for a /graphql request. A header the caller sent always wins. The
 * session cookie is a bearer only with `X-Infusion-Console: 1` and from the gateway's own origin;
 * without that header the cookie is ignored, so a browser that merely carries it (a link, a form
 * posted from elsewhere) is anonymous.
 */
export function authorizationFor(req: express.Request): string | undefined {
  if (req.headers.authorization !== undefined) return req.headers.authorization;
  if (req.headers[CONSOLE_HEADER] !== '1') return undefined;
  const token = sessionCookie(req);
  if (token === undefined) return undefined;
  if (!fromOwnOrigin(req)) throw foreignOrigin();
  return `Bearer ${token}`;
}

/** `Set-Cookie` for a session until `expiresAt` (Secure when the browser reached us over https). */
export function sessionCookieHeader(req: express.Request, token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [`${SESSION_COOKIE}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAge}`, ...(req.secure ? ['Secure'] : [])].join('; ');
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedCookieHeader(req: express.Request): string {
  return [`${SESSION_COOKIE}=`, 'HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=0', ...(req.secure ? ['Secure'] : [])].join('; ');
}
