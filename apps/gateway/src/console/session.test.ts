import type express from 'express';
import { describe, expect, it } from 'vitest';
import { authorizationFor, sessionCookie, sessionCookieHeader } from './session';

/** The parts of a request the cookie rule reads. */
function request(headers: Record<string, string>, { protocol = 'http', secure = false } = {}): express.Request {
  return { headers, protocol, secure, get: (name: string) => headers[name.toLowerCase()] } as unknown as express.Request;
}

const HOST = { host: 'localhost:4000' };

describe('console session cookie rule', () => {
  it('takes the cookie as the bearer only with X-Infusion-Console: 1', () => {
    expect(authorizationFor(request({ ...HOST, cookie: 'ig_session=igs_abc', 'x-infusion-console': '1', origin: 'http://localhost:4000' }))).toBe('Bearer igs_abc');
    expect(authorizationFor(request({ ...HOST, cookie: 'ig_session=igs_abc', origin: 'http://localhost:4000' }))).toBeUndefined();
    expect(authorizationFor(request({ ...HOST, cookie: 'ig_session=igs_abc', 'x-infusion-console': 'true' }))).toBeUndefined();
  });

  it('refuses the cookie from another origin or a cross-site fetch', () => {
    const refused = (headers: Record<string, string>) => () => authorizationFor(request({ ...HOST, cookie: 'ig_session=igs_abc', 'x-infusion-console': '1', ...headers }));
    expect(refused({ origin: 'https://evil.example' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(refused({ origin: 'https://localhost:4000' })).toThrow(); // another scheme is another origin
    expect(refused({ 'sec-fetch-site': 'same-site' })).toThrow();
    expect(refused({ 'sec-fetch-site': 'same-origin' })).not.toThrow();
  });

  it('lets an Authorization header win over the cookie', () => {
    expect(authorizationFor(request({ ...HOST, authorization: 'Bearer igk_key', cookie: 'ig_session=igs_abc', 'x-infusion-console': '1', origin: 'https://evil.example' }))).toBe('Bearer igk_key');
  });

  it('reads only a well-formed ig_session cookie', () => {
    expect(sessionCookie(request({ cookie: 'other=1; ig_session=igs_a-b_c; x=2' }))).toBe('igs_a-b_c');
    expect(sessionCookie(request({ cookie: 'ig_session=bad value"' }))).toBeUndefined();
    expect(sessionCookie(request({ cookie: 'xig_session=igs_a' }))).toBeUndefined();
  });

  it('sets HttpOnly, SameSite=Strict, Path=/ and Secure only over https', () => {
    const later = new Date(Date.now() + 3_600_000);
    expect(sessionCookieHeader(request({}), 'igs_t', later)).toMatch(/^ig_session=igs_t; HttpOnly; SameSite=Strict; Path=\/; Max-Age=(3599|3600)$/);
    expect(sessionCookieHeader(request({}, { protocol: 'https', secure: true }), 'igs_t', later)).toMatch(/; Secure$/);
  });
});
