import { describe, expect, it } from 'vitest';
import { demoCredentials } from '../support/auth';
import { platform } from '../support/platform';

/**
 * Issue 13: the console's session. The token lives in an HttpOnly cookie the page cannot read;
 * the gateway takes the cookie as the bearer only with `X-Infusion-Console: 1` from its own origin,
 * so a page of another site (which can neither add that header without a preflight nor claim the
 * gateway's origin) gets nothing from a signed-in browser.
 */

const origin = () => new URL(platform().gatewayUrl).origin;
const CONSOLE = { 'x-infusion-console': '1' };
const VIEWER = JSON.stringify({ query: '{ viewer { name role } }' });

function opsUser(role: string) {
  const user = demoCredentials().ops.find((u) => u.role === role && u.email.endsWith('@infusiongraph.test') && !u.email.includes('.ops@'));
  if (!user) throw new Error(`no demo ${role} user`);
  return user;
}

async function signIn(role = 'OPERATIONS', headers: Record<string, string> = { ...CONSOLE, origin: origin() }) {
  const user = opsUser(role);
  return fetch(`${origin()}/console/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: user.email, password: user.password }) });
}

/** The session cookie a sign-in set, as `name=value`. */
async function sessionCookie(role = 'OPERATIONS'): Promise<string> {
  const response = await signIn(role);
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const viewer = (headers: Record<string, string>) =>
  fetch(`${origin()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: VIEWER }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: { viewer: { name: string; role: string } } | null; errors?: { extensions?: { code?: string; reason?: string } }[] } }));

describe('console session', () => {
  it('signs in through the graph into an HttpOnly, SameSite=Strict cookie, and never puts the token in the body', async () => {
    const response = await signIn();
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ig_session=[\w.~-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // plain http here; Secure is set when the request came over https
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const body = await response.text();
    expect(body).not.toContain(token);
    expect(JSON.parse(body).user.role).toBe('OPERATIONS');
  });

  it('answers a wrong password as the graph does (UNAUTHENTICATED), setting no cookie', async () => {
    const response = await fetch(`${origin()}/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CONSOLE, origin: origin() },
      body: JSON.stringify({ email: `nobody-${Date.now()}@infusiongraph.test`, password: 'not-the-password' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a sign-in without the console header, from another origin, or not as JSON', async () => {
    expect((await signIn('OPERATIONS', { origin: origin() })).status).toBe(403);
    expect((await signIn('OPERATIONS', { ...CONSOLE, origin: 'https://evil.example' })).status).toBe(403);
    const user = opsUser('OPERATIONS');
    const form = await fetch(`${origin()}/console/session`, { method: 'POST', headers: { 'content-type': 'text/plain', ...CONSOLE }, body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
  });

  it('takes the cookie as the bearer only with the console header', async () => {
    const cookie = await sessionCookie();
    const withHeader = await viewer({ cookie, ...CONSOLE, origin: origin() });
    expect(withHeader.body.data?.viewer.role).toBe('OPERATIONS');
    // A cross-site form or link carries the cookie but cannot add the header: anonymous.
    const withoutHeader = await viewer({ cookie, origin: origin() });
    expect(withoutHeader.body.data ?? null).toBeNull();
    expect(withoutHeader.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses the cookie from a foreign origin even with the header', async () => {
    const cookie = await sessionCookie();
    const foreign = await viewer({ cookie, ...CONSOLE, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(foreign.body.data ?? null).toBeNull();
    const crossSite = await viewer({ cookie, ...CONSOLE, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });

  it('signs out through the graph: the cookie is cleared and its token no longer works anywhere', async () => {
    const cookie = await sessionCookie();
    const token = cookie.split('=')[1]!;
    const out = await fetch(`${origin()}/console/session`, { method: 'DELETE', headers: { cookie, ...CONSOLE, origin: origin() } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^ig_session=;.*Max-Age=0/);
    const asBearer = await viewer({ authorization: `Bearer ${token}` });
    expect(asBearer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asCookie = await viewer({ cookie, ...CONSOLE, origin: origin() });
    expect(asCookie.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('console files', () => {
  it('serves the console at / with a strict CSP and no inline script', async () => {
    const response = await fetch(`${origin()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
  });

  it('falls back to index.html for client routes, never for the API paths', async () => {
    const route = await fetch(`${origin()}/sites/some-site`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    // A program (no text/html in Accept) asking an unknown path keeps the JSON NOT_FOUND.
    const program = await fetch(`${origin()}/sites/some-site`);
    expect(program.status).toBe(404);
    expect(((await program.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    for (const path of ['/graphql', '/healthz', '/readyz', '/metrics', '/console/session', '/assets/missing.js']) {
      const response = await fetch(`${origin()}${path}`, { headers: { accept: 'text/html' } });
      // (/graphql may answer Apollo's own landing page to a browser; never the console.)
      expect(await response.text(), path).not.toContain('<div id="root">');
    }
  });
});
