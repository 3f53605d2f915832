import { randomInt, randomUUID } from 'node:crypto';
import { graphqlOk, sqlRows } from '@infusion/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../apps/console/src/pages/dates';
import { bearer, signInAs } from '../support/auth';
import { platform } from '../support/platform';
import { consoleBrowser, consoleOrigin, expectAccessible, screenshot } from './browser';

/**
 * Issue 13: the console's inventory pages (stock against par, lots and expiry, a lot's movements)
 * and the overview's per-site today and utilisation, each checked against the graph itself.
 * The demo world has nothing below par or near expiry, and the graph has no inventory mutation, so
 * the test writes its own: a product of its own with a par level and three lots (expired, expiring
 * soon, in date) at one demo site, straight into inventory's tables as the owner role (as the
 * testkit's chair fixtures do), and removes them afterwards. Demo rows are only read.
 */

const { as } = consoleBrowser();

interface Fixture {
  site: SiteNode;
  clientId: string;
  productId: string;
  productName: string;
  lots: { expired: string; soon: string; inDate: string };
}

let fixture: Fixture;

/** A product below par at the site, with an expired lot still on the shelf, one expiring in 10 days and one in date. */
async function insertFixture(site: SiteNode, clientId: string): Promise<Fixture> {
  const today = dateInZone(site.timeZone);
  const stamp = `${Date.now().toString(36)}${randomInt(1000)}`;
  const productId = randomUUID();
  const productName = `Console test gauze ${stamp}`;
  const ndc = `9${String(randomInt(10_000)).padStart(4, '0')}-${String(randomInt(10_000)).padStart(4, '0')}-${String(randomInt(100)).padStart(2, '0')}`;
  const lots = { expired: randomUUID(), soon: randomUUID(), inDate: randomUUID() };
  // [lot, number, expires on, packages received, packages wasted]
  const rows: [string, string, string, number, number][] = [
    [lots.expired, `EXP-${stamp}`, addDays(today, -1), 1, 0],
    [lots.soon, `SOON-${stamp}`, addDays(today, 10), 3, 1],
    [lots.inDate, `OK-${stamp}`, addDays(today, 200), 4, 0],
  ];
  const owner = platform().ownerDatabaseUrl;
  await sqlRows(
    owner,
    `insert into inventory.product (id, ndc, name, generic_name, kind, dose_unit, package_amount, ndc_unit, container, storage)
     values ($1, $2, $3, 'gauze', 'SUPPLY', 'EACH', 1, 'UN', 'NOT_APPLICABLE', 'CONTROLLED_ROOM')`,
    [productId, ndc, productName],
  );
  await sqlRows(owner, 'insert into inventory.par_level (client_id, id, site_id, product_id, minimum, target) values ($1, $2, $3, $4, 10, 20)', [clientId, randomUUID(), site.id, productId]);
  for (const [id, lotNumber, expiresOn, received, wasted] of rows) {
    await sqlRows(
      owner,
      `insert into inventory.lot (client_id, id, site_id, product_id, lot_number, expires_on, received_on, quantity_received, quantity_on_hand, acquisition, unit_cost)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'BUY_AND_BILL', 2.50)`,
      [clientId, id, site.id, productId, lotNumber, expiresOn, addDays(today, -100), received, received - wasted],
    );
    await sqlRows(owner, `insert into inventory.stock_movement (client_id, id, site_id, lot_id, kind, quantity, occurred_at) values ($1, $2, $3, $4, 'RECEIPT', $5, now() - interval '100 days')`, [clientId, randomUUID(), site.id, id, received]);
    if (wasted) await sqlRows(owner, `insert into inventory.stock_movement (client_id, id, site_id, lot_id, kind, quantity, occurred_at, note) values ($1, $2, $3, $4, 'WASTE', $5, now() - interval '1 day', 'dropped')`, [clientId, randomUUID(), site.id, id, -wasted]);
  }
  return { site, clientId, productId, productName, lots };
}

async function deleteFixture(f: Fixture | undefined): Promise<void> {
  if (!f) return;
  for (const statement of [
    'delete from inventory.stock_movement where lot_id in (select id from inventory.lot where product_id = $1)',
    'delete from inventory.lot where product_id = $1',
    'delete from inventory.par_level where product_id = $1',
    'delete from inventory.product where id = $1',
  ])
    await sqlRows(platform().ownerDatabaseUrl, statement, [f.productId]);
}

beforeAll(async () => {
  const site = (await sites())[0]!;
  const { site: withClient } = await ask<{ site: { client: { id: string } } }>('query($id: ID!) { site(id: $id) { client { id } } }', { id: site.id });
  fixture = await insertFixture(site, withClient.client.id);
});

afterAll(async () => {
  await deleteFixture(fixture);
});

/** The graph, asked as the demo ops user (the user the console signs in as). */
async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return graphqlOk<T>(platform().gatewayUrl, query, variables, bearer(await signInAs('ops@infusiongraph.test')));
}

interface SiteNode {
  id: string;
  name: string;
  timeZone: string;
}

async function sites(): Promise<SiteNode[]> {
  const data = await ask<{ sites: { edges: { node: SiteNode }[] } }>('{ sites(first: 100) { edges { node { id name timeZone } } } }');
  return data.sites.edges.map((e) => e.node);
}

interface StockLevel {
  belowPar: boolean;
  quantityOnHand: number;
  product: { id: string; name: string };
}

async function stockAt(site: SiteNode): Promise<StockLevel[]> {
  const data = await ask<{ site: { stock: StockLevel[] } }>('query($id: ID!, $on: LocalDate!) { site(id: $id) { stock(on: $on) { belowPar quantityOnHand product { id name } } } }', { id: site.id, on: dateInZone(site.timeZone) });
  return data.site.stock;
}

/** Each row's cell texts and its highlight (the status badge's data-status), as the page shows them. */
async function tableRows(page: Page, name: string): Promise<{ cells: string[]; status: string | null; hrefs: string[] }[]> {
  return page.getByRole('table', { name, exact: true }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const el = row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; getAttribute(a: string): string | null }>; querySelector(s: string): { getAttribute(a: string): string | null } | null };
      return {
        cells: Array.from(el.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim()),
        status: el.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
        hrefs: Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? ''),
      };
    }),
  );
}

/** Every button on the page is one that only reads: sorting, export, paging, navigation, sign-out. */
const READ_ONLY_BUTTON = /^(|.*, sort|Export CSV|Previous page|Next page|Sign out)$/;

describe('console inventory pages', { timeout: 240_000 }, () => {
  it('shows stock per product at a site against par, below par highlighted exactly where the graph flags it', async () => {
    const { site } = fixture;
    const stock = await stockAt(site);
    // The fixture's product is below par (6 packages in date against a minimum of 10).
    expect(stock.find((s) => s.product.id === fixture.productId)?.belowPar).toBe(true);

    const { page, cspViolations } = await as('ops@infusiongraph.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory', exact: true }).waitFor();
    await page.goto(`${consoleOrigin()}/inventory?site=${site.id}`);
    await expect.poll(async () => (await tableRows(page, 'Stock by product')).length, { timeout: 60_000 }).toBe(stock.length);
    const rows = await tableRows(page, 'Stock by product');
    const shownBelow = rows.filter((r) => r.status === 'below-par').map((r) => r.cells[0]).sort();
    expect(shownBelow).toEqual(stock.filter((s) => s.belowPar).map((s) => s.product.name).sort());
    expect(shownBelow).toContain(fixture.productName);
    // Every product's packages on hand as the graph counts them (column 4).
    expect(Object.fromEntries(rows.map((r) => [r.cells[0], Number(r.cells[3])]))).toEqual(Object.fromEntries(stock.map((s) => [s.product.name, s.quantityOnHand])));
    await expect.poll(() => page.getByTestId('stock-date').textContent()).toContain(dateInZone(site.timeZone));
    await page.getByRole('img', { name: /Packages on hand against par/ }).or(page.getByText('No product at this site keeps a par level.')).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'inventory-stock');
    await expectAccessible(page, 'inventory stock');

    // Below par only: just the flagged products (or the empty state when none is).
    // (Mantine draws the switch over a hidden checkbox: the label is what a person clicks.)
    await page.getByText('Below par only', { exact: true }).click();
    await expect.poll(() => page.url()).toContain('belowPar=1');
    const below = stock.filter((s) => s.belowPar).length;
    if (below > 0) await expect.poll(async () => (await tableRows(page, 'Stock by product')).map((r) => r.status)).toEqual(Array(below).fill('below-par'));
    else await page.getByText('No product is below par at this site.').waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('lists lots first to expire first with the filters, expired and expiring soon highlighted as the graph flags them', async () => {
    const { site } = fixture;
    const today = dateInZone(site.timeZone);
    const soon = addDays(today, 30);
    const expiringBy = addDays(today, 3650);
    type LotNode = { id: string; lotNumber: string; expiresOn: string; quantityOnHand: number; expiredToday: boolean; expiringSoon: boolean };
    const graphLots = async (variables: Record<string, unknown>) =>
      (
        await ask<{ lots: { edges: { node: LotNode }[] } }>(
          `query($siteId: ID, $productId: ID, $inStockOnly: Boolean!, $expiringBy: LocalDate, $today: LocalDate!, $soon: LocalDate!) {
            lots(first: 25, siteId: $siteId, productId: $productId, inStockOnly: $inStockOnly, expiringBy: $expiringBy) {
              edges { node { id lotNumber expiresOn quantityOnHand expiredToday: expired(on: $today) expiringSoon: expired(on: $soon) } }
            }
          }`,
          { siteId: site.id, productId: null, inStockOnly: false, expiringBy: null, today, soon, ...variables },
        )
      ).lots.edges.map((e) => e.node);
    const expected = await graphLots({ expiringBy });
    expect(expected.length).toBeGreaterThan(0);
    const flag = (l: LotNode) => (l.expiredToday ? 'expired' : l.expiringSoon ? 'expiring-soon' : 'in-date');

    const { page, cspViolations } = await as('ops@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/inventory/lots?site=${site.id}&within=3650&all=1`);
    await page.getByRole('heading', { name: 'Inventory', exact: true }).waitFor();
    await expect.poll(async () => (await tableRows(page, 'Lots')).length, { timeout: 60_000 }).toBe(expected.length);
    const shown = await tableRows(page, 'Lots');
    // Same lots in the same order (first to expire first), each with the graph's flag.
    expect(shown.map((r) => r.hrefs[0])).toEqual(expected.map((l) => `/inventory/lots/${l.id}`));
    expect(shown.map((r) => r.status)).toEqual(expected.map(flag));
    await screenshot(page, 'inventory-lots');
    await expectAccessible(page, 'inventory lots');

    // One product: the fixture's three lots, one of each highlight.
    const ofProduct = await graphLots({ productId: fixture.productId });
    expect(ofProduct.map(flag)).toEqual(['expired', 'expiring-soon', 'in-date']);
    await page.goto(`${consoleOrigin()}/inventory/lots?site=${site.id}&product=${fixture.productId}&all=1`);
    await expect.poll(async () => (await tableRows(page, 'Lots')).map((r) => [r.hrefs[0], r.status])).toEqual(ofProduct.map((l) => [`/inventory/lots/${l.id}`, flag(l)]));

    // A narrower expiry window asks the graph for exactly its lots: those expiring within 30 days, in stock.
    const within30 = await graphLots({ expiringBy: addDays(today, 30), inStockOnly: true });
    expect(within30.map((l) => l.id)).toEqual(expect.arrayContaining([fixture.lots.expired, fixture.lots.soon]));
    expect(within30.map((l) => l.id)).not.toContain(fixture.lots.inDate);
    await page.goto(`${consoleOrigin()}/inventory/lots?site=${site.id}&within=30`);
    await expect.poll(async () => (await tableRows(page, 'Lots')).map((r) => [r.hrefs[0], r.status])).toEqual(within30.map((l) => [`/inventory/lots/${l.id}`, flag(l)]));
    expect(cspViolations).toEqual([]);
  });

  it("shows a lot's movements on server cursors, as the graph records them", async () => {
    // A lot with a dispense (stock opened for an administration) if the demo has one, else any with movements.
    type Movement = { id: string; kind: string; quantity: number; administrationId: string | null };
    const data = await ask<{ lots: { edges: { node: { id: string; lotNumber: string; movements: Movement[] } }[] } }>('{ lots(first: 200) { edges { node { id lotNumber movements { id kind quantity administrationId } } } } }');
    const lots = data.lots.edges.map((e) => e.node).filter((l) => l.movements.length > 0);
    expect(lots.length).toBeGreaterThan(0);
    const lot = lots.find((l) => l.movements.some((m) => m.kind === 'DISPENSE')) ?? lots[0]!;
    const firstPage = await ask<{ stockMovements: { edges: { node: Movement }[] } }>('query($lotId: ID!) { stockMovements(lotId: $lotId, first: 25) { edges { node { id kind quantity administrationId } } } }', { lotId: lot.id });
    const expected = firstPage.stockMovements.edges.map((e) => e.node);
    // The paged ledger is the whole ledger's first page, in the same order.
    expect(expected.map((m) => m.id)).toEqual(lot.movements.slice(0, 25).map((m) => m.id));

    const { page, cspViolations } = await as('ops@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/inventory/lots/${lot.id}`);
    await page.getByRole('heading', { name: `Lot ${lot.lotNumber}`, exact: true }).waitFor();
    await expect.poll(async () => (await tableRows(page, 'Stock movements')).length, { timeout: 60_000 }).toBe(expected.length);
    const shown = await tableRows(page, 'Stock movements');
    // Kind, signed packages and the administration behind a dispense, row for row.
    expect(shown.map((r) => [r.cells[1], r.cells[2], r.cells[3]])).toEqual(expected.map((m) => [m.kind.toLowerCase(), m.quantity > 0 ? `+${m.quantity}` : String(m.quantity), m.administrationId ?? '—']));
    const dispense = expected.find((m) => m.kind === 'DISPENSE');
    if (dispense) expect(shown.some((r) => r.cells[1] === 'dispense' && r.cells[3] === dispense.administrationId)).toBe(true);
    expect(await page.getByRole('button', { name: 'Next page' }).count()).toBe(lot.movements.length > 25 ? 1 : 0);
    await screenshot(page, 'inventory-lot');
    await expectAccessible(page, 'inventory lot');

    // A lot that is not there (or not the caller's) is shown as the graph's NOT_FOUND.
    await page.goto(`${consoleOrigin()}/inventory/lots/00000000-0000-4000-8000-000000000000`);
    await page.locator('[role="alert"][data-code="NOT_FOUND"]').waitFor();
    expect(cspViolations).toEqual([]);
  });

  it("shows each site's own today and the graph's Site.utilisation for it on the overview; stock items link to inventory", async () => {
    const { page } = await as('ops@infusiongraph.test');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const table = page.getByRole('table', { name: 'Sites today' });
    await table.locator('tbody tr').first().waitFor();
    // The graph's utilisation for every site on its own today, as the overview would show it.
    const byId = new Map((await sites()).map((s) => [s.id, s]));
    const shownSiteIds = await page.locator('[data-testid^="utilisation-"]').evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(a: string): string }).getAttribute('data-testid').slice('utilisation-'.length)));
    expect(shownSiteIds.length).toBeGreaterThan(1);
    const expected: Record<string, string> = {};
    let open = 0;
    for (const siteId of shownSiteIds) {
      const site = byId.get(siteId)!;
      const d = dateInZone(site.timeZone);
      const graph = await ask<{ site: { utilisation: { date: string; utilisation: number | null }[] } }>('query($id: ID!, $d: LocalDate!) { site(id: $id) { utilisation(from: $d, to: $d) { date utilisation } } }', { id: siteId, d });
      const u = graph.site.utilisation[0]?.utilisation ?? null;
      if (u !== null) open += 1;
      expected[siteId] = u === null ? '—' : `${(u * 100).toFixed(1)} %`;
    }
    const shown = () =>
      page.locator('[data-testid^="utilisation-"]').evaluateAll((els) =>
        Object.fromEntries(els.map((el) => {
          const e = el as unknown as { getAttribute(a: string): string; textContent: string | null };
          return [e.getAttribute('data-testid').slice('utilisation-'.length), (e.textContent ?? '').trim()];
        })),
      );
    await expect.poll(shown, { timeout: 60_000 }).toEqual(expected);
    // On a day every demo site is closed only the dash is compared; say so rather than pass quietly.
    if (open === 0) console.warn('[inventory.e2e] every site is closed today: only closed-day utilisation compared');
    // The site's own date is shown beside it.
    const first = shownSiteIds[0]!;
    await expect.poll(() => table.locator('tr', { has: page.getByTestId(`utilisation-${first}`) }).textContent()).toContain(dateInZone(byId.get(first)!.timeZone));

    // Below-par stock and expiring lots link into the inventory pages, filtered.
    const attention = page.getByRole('table', { name: 'Attention items' });
    await attention.or(page.getByText('Nothing needs attention')).first().waitFor();
    const hrefs = await attention.locator('a').evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''));
    const stockLinks = hrefs.filter((h) => h.startsWith('/inventory?'));
    const lotLinks = hrefs.filter((h) => h.startsWith('/inventory/lots?'));
    for (const h of stockLinks) expect(h).toMatch(/^\/inventory\?site=[0-9a-f-]+&belowPar=1$/);
    for (const h of lotLinks) expect(h).toMatch(/^\/inventory\/lots\?site=[0-9a-f-]+&product=[0-9a-f-]+&within=30$/);
    const lotLink = `/inventory/lots?site=${fixture.site.id}&product=${fixture.productId}&within=30`;
    expect(lotLinks).toContain(lotLink);
    expect(stockLinks).toContain(`/inventory?site=${fixture.site.id}&belowPar=1`);
    // The lot item opens the lots page filtered to that product's lots expiring within 30 days.
    await attention.locator(`a[href="${lotLink}"]`).first().click();
    await expect.poll(async () => (await tableRows(page, 'Lots')).map((r) => [r.hrefs[0], r.status])).toEqual([
      [`/inventory/lots/${fixture.lots.expired}`, 'expired'],
      [`/inventory/lots/${fixture.lots.soon}`, 'expiring-soon'],
    ]);
    // The stock item opens the site's stock, below par only.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await attention.locator(`a[href="/inventory?site=${fixture.site.id}&belowPar=1"]`).first().click();
    await expect.poll(async () => (await tableRows(page, 'Stock by product')).map((r) => [r.cells[0], r.status])).toEqual(
      (await stockAt(fixture.site)).filter((s) => s.belowPar).map((s) => [s.product.name, 'below-par']),
    );
    expect(await page.getByLabel('Below par only').isChecked()).toBe(true);
  });

  it('offers a read-only user the inventory pages without a button that writes', async () => {
    const { page } = await as('viewer@infusiongraph.test');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('table', { name: 'Stock by product' }).or(page.getByText('No stock and no par level at this site.')).first().waitFor();
    const buttons = async () => (await page.getByRole('button').allTextContents()).map((t) => t.trim());
    expect((await buttons()).filter((t) => !READ_ONLY_BUTTON.test(t))).toEqual([]);
    await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Lots and expiry' }).click();
    const lotLink = page.getByRole('table', { name: 'Lots' }).locator('a[href^="/inventory/lots/"]').first();
    await lotLink.waitFor();
    expect((await buttons()).filter((t) => !READ_ONLY_BUTTON.test(t))).toEqual([]);
    await lotLink.click();
    await page.getByRole('heading', { name: 'Stock movements' }).waitFor();
    await page.getByRole('table', { name: 'Stock movements' }).or(page.getByText('No movement on this lot yet.')).first().waitFor();
    expect((await buttons()).filter((t) => !READ_ONLY_BUTTON.test(t))).toEqual([]);
  });
});
