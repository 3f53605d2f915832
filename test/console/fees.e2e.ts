import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { graphqlOk, insertChairFixtures } from '@infusion/testkit';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, sumByCurrency } from '../../apps/console/src/pages/fees/money';
import { lastMonth, periodMonths } from '../../apps/console/src/pages/fees/periods';
import { bearer, signInAs } from '../support/auth';
import { insertBillableTreatments } from '../support/ledger';
import { platform } from '../support/platform';
import { consoleBrowser, consoleOrigin, expectAccessible, screenshot } from './browser';

/**
 * Issue 13, the fee pages in a real browser, signed in as finance: the report's CSV export adds up
 * to the graph's own report to the cent, an invoice drills down to the treatments it counted, a
 * what-if prices a schedule change, and a read-only user gets no button that writes.
 */

const { as } = consoleBrowser();

/**
 * A year no other test prices (reports use the 1990s, invoices 2000–2019): this file's contract is
 * the only one in force then, so issuing a month "for every client" invoices only it.
 */
const YEAR = 1960 + Math.floor(Math.random() * 20);
const MONTH = `${YEAR}-03`;
const fixture = { clientId: '', clientName: '', siteId: '', contractId: '', invoiceId: '' };

const finance = async () => bearer(await signInAs('finance@infusiongraph.test'));
const ask = async <T>(query: string, variables: Record<string, unknown> = {}) => graphqlOk<T>(platform().gatewayUrl, query, variables, await finance());

/** Writes the fee pages offer; a read-only user must see none of them. */
const WRITE_BUTTONS = /^(issue invoice|issue the month|resume issuing|issue all|mark paid|credit|credit the invoice)$/i;

beforeAll(async () => {
  // A client of this file's own with 120 treatments in its month, priced 1–100 at 85.00 and from 101 at 70.00.
  const [made] = await insertChairFixtures(platform().ownerDatabaseUrl, { clients: 1, chairsPerClient: 1, name: `Fees console client ${randomUUID().slice(0, 8)}` });
  fixture.clientId = made!.clientId;
  fixture.siteId = made!.siteId;
  await insertBillableTreatments({ clientId: fixture.clientId, siteId: fixture.siteId, serviceDate: `${MONTH}-10`, count: 120 });
  const created = await ask<{ createManagementContract: { id: string; client: { name: string } } }>(
    'mutation($i: CreateManagementContractInput!) { createManagementContract(input: $i) { id client { name } } }',
    { i: { clientId: fixture.clientId, name: `Console fees ${randomUUID().slice(0, 8)}`, services: ['STAFFING'], effectiveFrom: `${YEAR}-01-01`, effectiveTo: `${YEAR}-12-31`, sites: [{ siteId: fixture.siteId }] } },
  );
  fixture.contractId = created.createManagementContract.id;
  fixture.clientName = created.createManagementContract.client.name;
  await ask('mutation($c: ID!, $i: AmendFeeScheduleInput!) { amendFeeSchedule(contractId: $c, input: $i) { id } }', {
    c: fixture.contractId,
    i: { effectiveFrom: `${YEAR}-01-01`, basis: 'PER_TREATMENT_GRADUATED', tiers: [{ fromTreatments: 1, toTreatments: 100, feePerTreatment: '85.00' }, { fromTreatments: 101, feePerTreatment: '70.00' }] },
  });
});

/** RFC 4180 fields of a CSV file (quoted fields, doubled quotes), the formula guard's leading ' removed. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!.replace(/^'(?=[-+=@])/, '')])));
}

const tableRows = (page: Page, name: string) => page.getByRole('table', { name }).locator('tbody tr');
const writeButtons = async (page: Page) => (await page.getByRole('button').allTextContents()).map((t) => t.trim()).filter((t) => WRITE_BUTTONS.test(t));

describe('fee pages', { timeout: 240_000 }, () => {
  it('exports the fee report as CSV whose totals equal the graph’s to the cent, with charts and the total shown', async () => {
    const { page, cspViolations } = await as('finance@infusiongraph.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fees' }).click();
    await page.getByRole('heading', { name: 'Fee report' }).waitFor();
    const rows = tableRows(page, 'Fees by client');
    await rows.first().waitFor();

    // The same report, asked of the gateway with finance's own token: the month the page opens on.
    const period = periodMonths(lastMonth(), 'MONTH');
    type Row = { fee: { amount: string; currency: string }; collections: { amount: string; currency: string }; treatments: number };
    const graph = (await ask<{ feeReport: Row[] }>('query($f: LocalDate!, $t: LocalDate!) { feeReport(from: $f, to: $t) { treatments fee { amount currency } collections { amount currency } } }', { f: period.from, t: period.to })).feeReport;
    expect(graph.length).toBeGreaterThan(0);
    await expect.poll(() => rows.count()).toBe(graph.length);

    await page.getByRole('img', { name: /^Fees in .* and treatments by month/ }).locator('svg').first().waitFor();
    await screenshot(page, 'fees-report');
    await expectAccessible(page, 'fees-report');

    const exportButton = page.getByLabel('Filter Fees by client').locator('xpath=ancestor::div[contains(@class, "mantine-Group-root")][1]').getByRole('button', { name: 'Export CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('fees-by-client.csv');
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(csv).toHaveLength(graph.length);
    const fromCsv = (column: string) => sumByCurrency(csv.map((r) => ({ amount: r[column]!, currency: r.Currency! })));
    expect(fromCsv('Fee')).toEqual(sumByCurrency(graph.map((r) => r.fee)));
    expect(fromCsv('Collections')).toEqual(sumByCurrency(graph.map((r) => r.collections)));
    expect(csv.reduce((n, r) => n + Number(r.Treatments), 0)).toBe(graph.reduce((n, r) => n + r.treatments, 0));
    // The total the page shows is the graph's, formatted with its currency.
    expect(await page.getByTestId('fee-total').textContent()).toBe(sumByCurrency(graph.map((r) => r.fee)).map(formatMoney).join(' + '));


    // A quarter is three months of the same report.
    await page.getByText('Quarter', { exact: true }).click();
    await page.getByRole('heading', { name: /^Fees by client and contract, .* – / }).waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('issues a month for every client, opens the invoice and drills down to exactly the treatments each line counted', async () => {
    const { page } = await as('finance@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/fees/invoices`);
    await page.getByRole('heading', { name: 'Invoices', exact: true }).waitFor();
    await page.getByLabel('Month to issue').fill(MONTH);
    const progress = page.getByTestId('invoicing-progress');
    await expect.poll(() => progress.textContent()).toMatch(/invoiced for Mar \d{4}; [1-9]\d* remaining/);
    await page.getByRole('button', { name: /^(Issue the month|Resume issuing)$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Issue all' }).click();
    await expect.poll(() => progress.textContent(), { timeout: 120_000 }).toMatch(/; 0 remaining/);
    await screenshot(page, 'fees-invoices');
    await expectAccessible(page, 'fees-invoices');

    const invoices = await ask<{ feeInvoices: { edges: { node: { id: string; amount: { amount: string } } }[] } }>('query($c: ID!) { feeInvoices(contractId: $c) { edges { node { id amount { amount } } } } }', { c: fixture.contractId });
    expect(invoices.feeInvoices.edges).toHaveLength(1);
    const invoice = invoices.feeInvoices.edges[0]!.node;
    // 100 × 85.00 + 20 × 70.00
    expect(invoice.amount.amount).toBe('9900.00');
    fixture.invoiceId = invoice.id;
    /** The ids a line counted, page by page from the graph (50 a page: the complexity limit). */
    const countedIds = async (position: number) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        type Page = { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        const answer: { feeInvoice: { lines: { position: number; countedTreatments: Page }[] } } = await ask(
          'query($id: ID!, $after: String) { feeInvoice(id: $id) { lines { position countedTreatments(first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }',
          { id: invoice.id, after },
        );
        const page = answer.feeInvoice.lines.find((l) => l.position === position)!.countedTreatments;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return ids;
        after = page.pageInfo.endCursor;
      }
    };

    await page.goto(`${consoleOrigin()}/fees/invoices/${invoice.id}`);
    await expect.poll(() => page.getByTestId('invoice-total').textContent()).toBe('Total: $9,900.00');
    expect(await tableRows(page, 'Invoice lines').count()).toBe(2);
    // The first tier counted 100 treatments: two pages of 50 on the server's cursors, in its order.
    await page.getByRole('button', { name: 'Treatments of line 1' }).click();
    const counted = tableRows(page, 'Treatments counted by line 1');
    const ids = () => counted.locator('td:last-child').allTextContents();
    await expect.poll(() => counted.count()).toBe(50);
    const expected = await countedIds(1);
    expect(expected).toHaveLength(100);
    expect(await ids()).toEqual(expected.slice(0, 50));
    await screenshot(page, 'fees-invoice');
    await expectAccessible(page, 'fees-invoice');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(ids).toEqual(expected.slice(50, 100));
    await page.getByRole('button', { name: 'Treatments of line 2' }).click();
    await expect.poll(() => tableRows(page, 'Treatments counted by line 2').locator('td:last-child').allTextContents()).toEqual(await countedIds(2));
  });

  it('prices a what-if change of the schedule against the same activity and shows its lines and the difference', async () => {
    const { page } = await as('finance@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/fees/what-if?contract=${fixture.contractId}`);
    await page.getByLabel('Tier 1 fee per treatment').waitFor();
    expect(await page.getByLabel('Tier 1 fee per treatment').inputValue()).toBe('85.00');
    await page.getByLabel('Tier 1 fee per treatment').fill('90.00');
    await page.getByLabel('Treatments (all)').fill('120');
    await page.getByRole('button', { name: 'Price the proposal' }).click();
    await page.getByTestId('what-if-result').waitFor();
    expect(await page.getByTestId('what-if-current').textContent()).toBe('$9,900.00');
    expect(await page.getByTestId('what-if-proposed').textContent()).toBe('$10,400.00');
    expect(await page.getByTestId('what-if-difference').textContent()).toBe('$500.00');
    expect(await tableRows(page, 'Proposed fee lines').count()).toBe(2);
    await screenshot(page, 'fees-what-if');
    await expectAccessible(page, 'fees-what-if');
  });

  it('shows a read-only user the fee pages without a button that writes', async () => {
    const { page } = await as('viewer@infusiongraph.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fees' }).click();
    await tableRows(page, 'Fees by client').first().waitFor();
    expect(await writeButtons(page)).toEqual([]);
    await page.goto(`${consoleOrigin()}/fees/invoices`);
    await page.getByLabel('Month to issue').fill(`${YEAR}-05`);
    // The month still has a contract to invoice: finance would be offered the button here.
    await expect.poll(() => page.getByTestId('invoicing-progress').textContent()).toMatch(/; [1-9]\d* remaining/);
    expect(await writeButtons(page)).toEqual([]);
    await page.goto(`${consoleOrigin()}/fees/invoices/${fixture.invoiceId}`);
    await tableRows(page, 'Invoice lines').first().waitFor();
    expect(await writeButtons(page)).toEqual([]);
    await page.goto(`${consoleOrigin()}/fees/what-if?contract=${fixture.contractId}`);
    await page.getByRole('button', { name: 'Price the proposal' }).waitFor();
    expect(await writeButtons(page)).toEqual([]);
  });

  it('marks the invoice paid after confirming, as finance', async () => {
    const { page } = await as('finance@infusiongraph.test');
    await page.goto(`${consoleOrigin()}/fees/invoices/${fixture.invoiceId}`);
    await page.getByRole('button', { name: 'Mark paid' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByText(/^Paid: /).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Mark paid' }).count()).toBe(0);
    const paid = await ask<{ feeInvoice: { status: string } }>('query($id: ID!) { feeInvoice(id: $id) { status } }', { id: fixture.invoiceId });
    expect(paid.feeInvoice.status).toBe('PAID');
  });
});
