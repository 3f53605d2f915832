import { graphqlOk } from '@infusion/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../apps/console/src/pages/dates';
import { bearer, signInAs } from '../support/auth';
import { platform } from '../support/platform';
import { type ConsolePage, consoleOrigin, expectAccessible, launchBrowser, screenshot, signedIn } from './browser';

/**
 * Issue 13: the console's inventory pages (stock against par, lots and expiry, a lot's movements)
 * and the overview's per-site today and utilisation, each checked against the graph itself.
 * Read-only on the demo data: nothing here changes it, so a reused platform is fine.
 */

let browser: Browser;
let closeBrowser: () => Promise<void>;
const opened: ConsolePage[] = [];

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});

afterAll(async () => {
  for (const p of opened) await p.context.close();
  await closeBrowser?.();
});

async function as(email: string): Promise<ConsolePage> {
  const page = await signedIn(browser, email);
  opened.push(page);
  return page;
}

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
    // A site with stock, preferably one with a product below par (the demo world has some).
    const candidates = await Promise.all((await sites()).map(async (site) => ({ site, stock: await stockAt(site) })));
    const withStock = candidates.filter((c) => c.stock.length > 0);
    expect(withStock.length).toBeGreaterThan(0);
    const { site, stock } = withStock.find((c) => c.stock.some((s) => s.belowPar)) ?? withStock[0]!;

    const { page, cspViolations } = await as('ops@infusiongraph.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory', exact: true }).waitFor();
    await page.goto(`${consoleOrigin()}/inventory?site=${site.id}`);
    await expect.poll(async () => (await tableRows(page, 'Stock by product')).length, { timeout: 60_000 }).toBe(stock.length);
    const rows = await tableRows(page, 'Stock by product');
    const shownBelow = rows.filter((r) => r.status === 'below-par').map((r) => r.cells[0]).sort();
    expect(shownBelow).toEqual(stock.filter((s) => s.belowPar).map((s) => s.product.name).sort());
    // Every product's packages on hand as the graph counts them (column 4).
    expect(Object.fromEntries(rows.map((r) => [r.cells[0], Number(r.cells[3])]))).toEqual(Object.fromEntries(stock.map((s) => [s.product.name, s.quantityOnHand])));
    await expect.poll(() => page.getByTestId('stock-date').textContent()).toContain(dateInZone(site.timeZone));
    await page.getByRole('img', { name: /Packages on hand against par/ }).or(page.getByText('No product at this site keeps a par level.')).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'inventory-stock');
    await expectAccessible(page, 'inventory stock');

    // Below par only: just the flagged products (or the empty state when none is).
    await page.getByRole('switch', { name: 'Below par only' }).or(page.getByLabel('Below par only')).first().check();
    await expect.poll(() => page.url()).toContain('belowPar=1');
    const below = stock.filter((s) => s.belowPar).length;
    if (below > 0) await expect.poll(async () => (await tableRows(page, 'Stock by product')).map((r) => r.status)).toEqual(Array(below).fill('below-par'));
    else await page.getByText('No product is below par at this site.').waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('lists lots first to expire first with the filters, expired and expiring soon highlighted as the graph flags them', async () => {
    const all = await sites();
    // The site with the most lots on hand: the richest page to compare.
    const counts = await Promise.all(
      all.map(async (site) => {
        const data = await ask<{ lots: { edges: unknown[] } }>('query($siteId: ID!) { lots(first: 25, siteId: $siteId) { edges { cursor } } }', { siteId: site.id });
        return { site, lots: data.lots.edges.length };
      }),
    );
    const { site } = counts.sort((a, b) => b.lots - a.lots)[0]!;
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

    // A narrower expiry window asks the graph for exactly its lots: those expiring within 30 days, in stock.
    const within30 = await graphLots({ expiringBy: addDays(today, 30), inStockOnly: true });
    await page.goto(`${consoleOrigin()}/inventory/lots?site=${site.id}&within=30`);
    if (within30.length > 0) {
      await expect.poll(async () => (await tableRows(page, 'Lots')).map((r) => r.hrefs[0])).toEqual(within30.map((l) => `/inventory/lots/${l.id}`));
      expect((await tableRows(page, 'Lots')).map((r) => r.status)).toEqual(within30.map(flag));
    } else {
      await page.getByText('No lot matches these filters.').waitFor();
    }
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
    // Wait until the day's numbers have arrived (a site's utilisation cell says something other than loading).
    await expect.poll(() => page.locator('[data-testid^="utilisation-"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    const cells = await page.locator('[data-testid^="utilisation-"]').evaluateAll((els) =>
      els.map((el) => {
        const e = el as unknown as { getAttribute(a: string): string | null; textContent: string | null };
        return { siteId: e.getAttribute('data-testid')!.slice('utilisation-'.length), text: (e.textContent ?? '').trim() };
      }),
    );
    const byId = new Map((await sites()).map((s) => [s.id, s]));
    let compared = 0;
    for (const { siteId, text } of cells) {
      const site = byId.get(siteId);
      if (!site) continue;
      const date = dateInZone(site.timeZone);
      const graph = await ask<{ site: { utilisation: { date: string; utilisation: number | null }[] } }>('query($id: ID!, $d: LocalDate!) { site(id: $id) { utilisation(from: $d, to: $d) { date utilisation } } }', { id: siteId, d: date });
      const u = graph.site.utilisation[0]?.utilisation ?? null;
      expect(text, `utilisation shown for ${site.name} on ${date}`).toBe(u === null ? '—' : `${(u * 100).toFixed(1)} %`);
      compared += u === null ? 0 : 1;
    }
    expect(cells.length).toBeGreaterThan(1);
    // On a day every demo site is closed only the dash is compared; say so rather than pass quietly.
    if (compared === 0) console.warn('[inventory.e2e] every site is closed today: only closed-day utilisation compared');
    // The site's own date is shown beside it.
    const first = cells[0]!;
    await expect.poll(() => table.locator('tr', { has: page.getByTestId(`utilisation-${first.siteId}`) }).textContent()).toContain(dateInZone(byId.get(first.siteId)!.timeZone));

    // Below-par stock and expiring lots link into the inventory pages, filtered.
    const attention = page.getByRole('table', { name: 'Attention items' });
    await attention.or(page.getByText('Nothing needs attention')).first().waitFor();
    const hrefs = await attention.locator('a').evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''));
    const stockLinks = hrefs.filter((h) => h.startsWith('/inventory?'));
    const lotLinks = hrefs.filter((h) => h.startsWith('/inventory/lots?'));
    for (const h of stockLinks) expect(h).toMatch(/^\/inventory\?site=[0-9a-f-]+&belowPar=1$/);
    for (const h of lotLinks) expect(h).toMatch(/^\/inventory\/lots\?site=[0-9a-f-]+&product=[0-9a-f-]+&within=30$/);
    const anyStockBelowPar = (await Promise.all((await sites()).map(stockAt))).some((s) => s.some((x) => x.belowPar));
    expect(stockLinks.length > 0).toBe(anyStockBelowPar);
    if (stockLinks[0]) {
      await attention.locator(`a[href="${stockLinks[0]}"]`).first().click();
      await page.getByRole('table', { name: 'Stock by product' }).locator('[data-status="below-par"]').first().waitFor();
      expect(await page.getByLabel('Below par only').isChecked()).toBe(true);
    }
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
