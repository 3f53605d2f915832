import { describe, expect, it } from 'vitest';
import { consoleBrowser, consoleOrigin, expectAccessible, screenshot } from './browser';

/**
 * Issue 13: the ops console in a real browser (Debian's chromium driven by playwright-core)
 * against the test platform's gateway, which serves the built console at /.
 */

const { as } = consoleBrowser();

/** Writes the console offers; a read-only user must see none of them. */
const WRITE_BUTTONS = /^(onboard a client|add site|add chair|retire|change hours|issue an api key|rotate|revoke|replay|move…|book|apply optimisation)$/i;

describe('ops console', { timeout: 180_000 }, () => {
  it('signs in as ops and opens the overview with every client and site and the attention items', async () => {
    const { page, context, cspViolations } = await as('ops@infusiongraph.test');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const sites = page.getByRole('table', { name: 'Sites today' });
    await sites.locator('tbody tr').first().waitFor();
    expect(await sites.locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByRole('table', { name: 'Attention items' }).or(page.getByText('Nothing needs attention')).first().waitFor();
    // The session is in the browser, but not where a page script could read it.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).not.toContain('ig_session');
    const cookie = (await context.cookies()).find((c) => c.name === 'ig_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    await screenshot(page, 'overview');
    await expectAccessible(page, 'overview');
    expect(cspViolations).toEqual([]);
  });

  it('passes axe on every main page, without a CSP violation', async () => {
    const { page, cspViolations } = await as('admin@infusiongraph.test');
    const visit = async (path: string, heading: string, ready: () => Promise<void>) => {
      await page.goto(`${consoleOrigin()}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await ready();
    };
    await visit('/clients', 'Clients and sites', () => page.getByRole('table', { name: 'Clients' }).locator('tbody tr').first().waitFor());
    await screenshot(page, 'clients');
    await expectAccessible(page, 'clients');

    // A site from the overview's site list: other tests add clients that have no site yet.
    await visit('/', 'Overview', () => page.getByRole('table', { name: 'Sites today' }).locator('tbody tr').first().waitFor());
    const siteLink = page.getByRole('table', { name: 'Sites today' }).locator('a[href^="/sites/"]').first();
    const siteName = (await siteLink.textContent())!;
    await siteLink.click();
    await page.getByRole('heading', { name: siteName, exact: true }).waitFor();
    await page.getByRole('table', { name: `Chairs of ${siteName}` }).waitFor();
    await screenshot(page, 'site');
    await expectAccessible(page, 'site');

    await visit('/staffing', 'Staffing', () => page.getByRole('heading', { name: 'Coverage today, by hour' }).waitFor());
    await page.getByRole('heading', { name: 'Credentials expiring within 60 days' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'staffing');
    await expectAccessible(page, 'staffing');

    await visit('/access', 'Access', () => page.getByRole('table', { name: 'API keys' }).locator('tbody tr').first().waitFor());
    await screenshot(page, 'access');
    await expectAccessible(page, 'access');

    await visit('/audit', 'Audit trail', () => page.getByRole('table', { name: 'Audit events' }).locator('tbody tr').first().waitFor());
    await screenshot(page, 'audit');
    await expectAccessible(page, 'audit');
    expect(cspViolations).toEqual([]);
  });

  it('issues an API key in the UI, shows its secret once, and the key works against the gateway', async () => {
    const { page } = await as('admin@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/access`);
    await page.getByRole('button', { name: 'Issue an API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue an API key' });
    await dialog.getByLabel('Key name').fill(`console test ${Date.now()}`);
    await dialog.getByRole('textbox', { name: 'Client', exact: true }).click();
    const firstClient = page.getByRole('option').first();
    const clientName = (await firstClient.textContent())!;
    await firstClient.click();
    await dialog.getByRole('button', { name: 'Issue key' }).click();
    const secret = (await page.getByTestId('issued-secret').textContent())!.trim();
    expect(secret).toMatch(/^igk_/);
    await screenshot(page, 'api-key-issued');

    const ask = (query: string) =>
      fetch(`${consoleOrigin()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<{ data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }>);
    const who = await ask('{ viewer { kind scopes clientIds } }');
    const viewer = who.data?.viewer as { kind: string; scopes: string[]; clientIds: string[] } | undefined;
    expect(viewer).toMatchObject({ kind: 'API_KEY', scopes: ['scheduling:read'] });
    expect(viewer?.clientIds).toHaveLength(1);
    // scheduling:read only, as issued: the key may not list clients.
    expect((await ask('{ clients { edges { node { name } } } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Closed, the secret is gone from the page for good.
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('issued-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('table', { name: 'API keys' }).getByText(clientName).first().waitFor();
  });

  it('shows a read-only user no button that writes, and no administration', async () => {
    const { page } = await as('viewer@infusiongraph.test');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Clients and sites' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Access' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    const writeButtons = async () => (await page.getByRole('button').allTextContents()).map((t) => t.trim()).filter((t) => WRITE_BUTTONS.test(t));

    await nav.getByRole('link', { name: 'Clients and sites' }).click();
    await page.getByRole('table', { name: 'Clients' }).locator('tbody tr').first().waitFor();
    expect(await writeButtons()).toEqual([]);
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('table', { name: 'Sites today' }).locator('a[href^="/sites/"]').first().click();
    await page.getByRole('heading', { name: 'Chairs' }).waitFor();
    await page.locator('table[aria-label^="Chairs of"] tbody tr').first().waitFor();
    expect(await writeButtons()).toEqual([]);
    await screenshot(page, 'site-read-only');
    // The site's day board (test/console/dayboard.e2e.ts checks it with visits): nothing to drag, no write.
    await page.getByRole('link', { name: 'Day board', exact: true }).click();
    await page.getByRole('heading', { name: /^Day board: / }).waitFor();
    expect(await page.locator('[data-draggable]').count()).toBe(0);
    expect(await writeButtons()).toEqual([]);
    await nav.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('table', { name: 'Stock by product' }).locator('tbody tr').first().waitFor();
    expect(await writeButtons()).toEqual([]);
    // An administration page typed in is not offered either.
    await page.goto(`${consoleOrigin()}/access`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await writeButtons()).toEqual([]);
  });

  it('shows the fee pages to finance and not to operations staff, in the console and in the graph', async () => {
    const ops = (await as('ops@infusiongraph.test')).page;
    const opsNav = ops.getByRole('navigation', { name: 'Main' });
    await opsNav.getByRole('link', { name: 'Clients and sites' }).waitFor();
    expect(await opsNav.getByRole('link', { name: 'Fees' }).count()).toBe(0);
    await ops.goto(`${consoleOrigin()}/fees`);
    await ops.getByRole('heading', { name: 'Overview' }).waitFor();
    // The console only follows the graph: the same session asking for fees is refused there.
    const refused = await ops.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-infusion-console': '1' },
        body: JSON.stringify({ query: '{ managementContracts(first: 1) { edges { cursor } } }' }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const finance = (await as('finance@infusiongraph.test')).page;
    await finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fees' }).waitFor();
  });

  it('shows a client-limited user only its client', async () => {
    const { page } = await as('redrock.ops@infusiongraph.test');
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('1');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients and sites' }).click();
    const clients = page.getByRole('table', { name: 'Clients' });
    await clients.locator('tbody tr').first().waitFor();
    expect(await clients.locator('tbody tr').count()).toBe(1);
    // Limited to a client, it may not onboard new ones: the button is not offered.
    expect(await page.getByRole('button', { name: 'Onboard a client' }).count()).toBe(0);
  });

  it('signs out: the cookie is gone and its session no longer works, even presented directly', async () => {
    const { page, context } = await as('ops@infusiongraph.test');
    const token = (await context.cookies()).find((c) => c.name === 'ig_session')!.value;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'ig_session')).toBeUndefined();
    const fromPage = await page.evaluate(async () => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-infusion-console': '1' }, body: JSON.stringify({ query: '{ viewer { name } }' }) });
      return (await r.json()) as { errors?: { extensions?: { code?: string } }[] };
    });
    expect(fromPage.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const direct = await fetch(`${consoleOrigin()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    }).then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
