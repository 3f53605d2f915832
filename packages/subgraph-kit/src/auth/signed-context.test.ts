import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { ANONYMOUS } from './principal';
import { CONTEXT_TTL_SECONDS, signCallerContext, signingKey, verifyCallerContext } from './signed-context';

const key = signingKey('k'.repeat(40));
const now = () => Math.floor(Date.now() / 1000);

/** A context signed with the right key, issuer and audience, with the claims given. */
function craft(claims: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ principal: ANONYMOUS, rid: 'r', ip: '127.0.0.1' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('infusion-gateway')
    .setAudience('infusion-subgraphs');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
}

const refusal = (token: string) =>
  verifyCallerContext(token, key).then(
    () => 'accepted',
    (error: { extensions?: { code?: string } }) => error.extensions?.code,
  );

describe('the signed caller context', () => {
  it('is accepted as the gateway signs it', async () => {
    const token = await signCallerContext({ principal: ANONYMOUS, requestId: 'r', remoteAddress: '127.0.0.1' }, key);
    await expect(verifyCallerContext(token, key)).resolves.toMatchObject({ requestId: 'r', remoteAddress: '127.0.0.1' });
  });

  it('lives exactly its lifetime even when a second ticks while it is signed', async () => {
    // A clock whose every reading is one millisecond later, starting just before a second ends:
    // reading it once per claim would give `exp - iat` one second too many, and a refusal.
    const RealDate = Date;
    let clock = Date.UTC(2026, 10, 27, 12, 0, 0, 999);
    class TickingDate extends RealDate {
      constructor(...args: []) {
        super(...(args.length ? args : [clock++]) as []);
      }
      static override now(): number {
        return clock++;
      }
    }
    vi.stubGlobal('Date', TickingDate);
    let payload: { iat: number; exp: number };
    try {
      const token = await signCallerContext({ principal: ANONYMOUS, requestId: 'r', remoteAddress: '127.0.0.1' }, key);
      payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    } finally {
      vi.unstubAllGlobals();
    }
    expect(payload.exp - payload.iat).toBe(CONTEXT_TTL_SECONDS);
  });

  it('is refused without an expiry, however validly signed', async () => {
    expect(await refusal(await craft({ iat: now() }))).toBe('UNAUTHENTICATED');
  });

  it('is refused without an issue time', async () => {
    expect(await refusal(await craft({ exp: now() + 30 }))).toBe('UNAUTHENTICATED');
  });

  it('is refused when it would live longer than the context lifetime', async () => {
    expect(await refusal(await craft({ iat: now(), exp: now() + 24 * 3600 }))).toBe('UNAUTHENTICATED');
  });

  it('is refused when issued longer ago than its lifetime, even if it claims to be valid still', async () => {
    expect(await refusal(await craft({ iat: now() - CONTEXT_TTL_SECONDS - 30, exp: now() + 10 }))).toBe('UNAUTHENTICATED');
  });

  it('is refused when issued in the future', async () => {
    expect(await refusal(await craft({ iat: now() + 600, exp: now() + 630 }))).toBe('UNAUTHENTICATED');
  });
});
