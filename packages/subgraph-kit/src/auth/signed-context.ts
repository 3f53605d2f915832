import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError, unauthenticated } from '../errors';
import type { CallerContext, Principal } from './principal';

/** Header that carries the gateway-signed caller context to the subgraphs. */
export const CONTEXT_HEADER = 'x-infusion-context';

const ISSUER = 'infusion-gateway';
const AUDIENCE = 'infusion-subgraphs';
const ALGORITHM = 'HS256';

/** A short lifetime bounds what a leaked context could do; one operation needs far less. */
export const CONTEXT_TTL_SECONDS = 60;

/** The gateway's clock may run this much ahead of a subgraph's. */
const CLOCK_SKEW_SECONDS = 5;

export function signingKey(secret: string | undefined): Uint8Array {
  if (!secret || secret.length < 32) {
    throw new Error('CONTEXT_SIGNING_KEY must be set to a secret of at least 32 characters');
  }
  return new TextEncoder().encode(secret);
}

/** Signs the caller context as a compact JWT (HS256), so a router could verify it too. */
export async function signCallerContext(context: CallerContext, key: Uint8Array, ttlSeconds = CONTEXT_TTL_SECONDS): Promise<string> {
  // One clock reading for both claims: jose reads the clock per claim, and a second ticking between
  // the two made `exp - iat` one more than the lifetime verification allows (1 call in ~2,400).
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ principal: context.principal, rid: context.requestId, ip: context.remoteAddress })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(`${context.principal.kind}:${context.principal.id}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}

/**
 * Verifies a signed context; anything missing, forged or expired is UNAUTHENTICATED. A context
 * must say when it was issued and when it ends, and live no longer than CONTEXT_TTL_SECONDS:
 * a validly signed context without `exp` would otherwise be good forever.
 */
export async function verifyCallerContext(token: string | undefined, key: Uint8Array): Promise<CallerContext> {
  if (!token) throw unauthenticated('This service answers only requests routed through the gateway', 401);
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      requiredClaims: ['iat', 'exp'],
    });
    // With `exp` in the future and this bound, `iat` is recent too.
    if (payload.exp! - payload.iat! > CONTEXT_TTL_SECONDS) throw unauthenticated('The request context lives too long', 401);
    if (payload.iat! > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw unauthenticated('The request context was issued in the future', 401);
    const principal = payload.principal as Principal | undefined;
    if (!principal || typeof principal.id !== 'string' || !Array.isArray(principal.scopes)) {
      throw unauthenticated('The request context is incomplete', 401);
    }
    return { principal, requestId: String(payload.rid ?? ''), remoteAddress: String(payload.ip ?? '') };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The request context has expired', 401);
    throw unauthenticated('The request context is not valid', 401);
  }
}

/** The caller of an HTTP request routed through the gateway: its signed context header, verified. */
export function callerOfRequest(req: { headers: Record<string, string | string[] | undefined> }, key: Uint8Array): Promise<CallerContext> {
  const header = req.headers[CONTEXT_HEADER];
  return verifyCallerContext(Array.isArray(header) ? header[0] : header, key);
}
