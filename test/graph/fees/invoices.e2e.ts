import { randomUUID } from 'node:crypto';
import { graphql, graphqlOk, insertChairFixtures, sqlRows, type ChairFixture } from '@infusion/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, readKeyOf, signInAs } from '../../support/auth';
import { clientReader, callSubgraph } from '../../support/direct';
import { platform, seededWorld } from '../../support/platform';
import { insertBillableTreatments } from '../../support/ledger';

/*
 * Fee invoices through the gateway: issued from the ledgers' rollups, numbered without gaps per
 * year even with 20 issuers at once, immutable, paid or credited, and every tier line drills
 * down to exactly the treatments it priced.
 */

const owner = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => sqlRows<T>(platform().ownerDatabaseUrl, sql, params);
const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);
const finance = async () => bearer(await signInAs('finance@infusiongraph.test'));

const ISSUE = 'mutation($c: ID!, $p: LocalDate!) { issueFeeInvoice(contractId: $c, periodFrom: $p) { id number status treatments amount { amount currency } lines { position kind treatments rate amount { amount } } } }';

/** A year no other test uses, so this run's ledger rows are the only ones in its periods. */
const YEAR = 2000 + Math.floor(Math.random() * 20);

const world = seededWorld();
/** A client of this file's own (facilities rows from the testkit): its contracts and invoices disturb no other test. */
let fixture: Promise<ChairFixture[]> | undefined;
const clientA = { id: '' };
const siteA = { id: '' };
beforeAll(async () => {
  fixture ??= insertChairFixtures(platform().ownerDatabaseUrl, { clients: 1, chairsPerClient: 1, name: `Fees invoices client ${randomUUID().slice(0, 8)}` });
  const [made] = await fixture;
  clientA.id = made!.clientId;
  siteA.id = made!.siteId;
});

/** Treatments straight into billing's ledger and its rollup, as the event handler writes them. */
const ledgerFixture = (siteId: string, clientId: string, serviceDate: string, count: number) => insertBillableTreatments({ clientId, siteId, serviceDate, count });

async function pricedContract(name = `Invoice test ${randomUUID().slice(0, 8)}`): Promise<string> {
  const headers = await finance();
  const created = await graphqlOk<{ createManagementContract: { id: string } }>(
    platform().gatewayUrl,
    'mutation($i: CreateManagementContractInput!) { createManagementContract(input: $i) { id } }',
    { i: { clientId: clientA.id, name, services: ['STAFFING'], effectiveFrom: `${YEAR}-01-01`, sites: [{ siteId: siteA.id }] } },
    headers,
  );
  const contractId = created.createManagementContract.id;
  await graphqlOk(
    platform().gatewayUrl,
    'mutation($c: ID!, $i: AmendFeeScheduleInput!) { amendFeeSchedule(contractId: $c, input: $i) { id } }',
    { c: contractId, i: { effectiveFrom: `${YEAR}-01-01`, basis: 'PER_TREATMENT_GRADUATED', tiers: [{ fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' }, { fromTreatments: 201, feePerTreatment: '70.00' }] } },
    headers,
  );
  return contractId;
}

describe('issuing a fee invoice', () => {
  it('prices the period from the rollups, stores its lines and drills each tier line down to exactly its treatments', async () => {
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-03-10`, 120);
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-03-20`, 130);
    const contractId = await pricedContract();

    const draft = await graphqlOk<{ feeInvoiceDraft: { amount: { amount: string } } }>(
      platform().gatewayUrl,
      'query($c: ID!, $p: LocalDate!) { feeInvoiceDraft(contractId: $c, periodFrom: $p) { amount { amount } } }',
      { c: contractId, p: `${YEAR}-03-01` },
      await finance(),
    );
    // 200 × 85 + 50 × 70
    expect(draft.feeInvoiceDraft.amount.amount).toBe('20500.00');

    const issued = await graphqlOk<{ issueFeeInvoice: { id: string; number: string; status: string; treatments: number; amount: { amount: string }; lines: { kind: string; treatments: number; amount: { amount: string } }[] } }>(
      platform().gatewayUrl,
      ISSUE,
      { c: contractId, p: `${YEAR}-03-01` },
      await finance(),
    );
    const invoice = issued.issueFeeInvoice;
    expect(invoice).toMatchObject({ status: 'ISSUED', treatments: 250, amount: { amount: '20500.00' } });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(invoice.lines.map((l) => [l.kind, l.treatments, l.amount.amount])).toEqual([
      ['GRADUATED_TIER', 200, '17000.00'],
      ['GRADUATED_TIER', 50, '3500.00'],
    ]);

    // Drill down the second tier in pages: the 201st to 250th treatments of the month, in service order.
    const headers = await finance();
    const page = (after: string | null) =>
      graphqlOk<{ feeInvoice: { lines: { countedTreatments: { edges: { node: { id: string; serviceDate: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }[] } }>(
        platform().gatewayUrl,
        'query($id: ID!, $after: String) { feeInvoice(id: $id) { lines { countedTreatments(first: 30, after: $after) { edges { node { id serviceDate } } pageInfo { hasNextPage endCursor } } } } }',
        { id: invoice.id, after },
        headers,
      );
    const first = (await page(null)).feeInvoice.lines[1]!.countedTreatments;
    expect(first.edges).toHaveLength(30);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).feeInvoice.lines[1]!.countedTreatments;
    expect(second.edges).toHaveLength(20);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const drilled = [...first.edges, ...second.edges].map((e) => e.node.id);
    const expected = await owner<{ id: string }>(
      `select id from billing.treatment where site_id = $1 and service_date between $2 and $3 order by service_date, completed_at, id offset 200 limit 50`,
      [siteA.id, `${YEAR}-03-01`, `${YEAR}-03-31`],
    );
    expect(drilled).toEqual(expected.map((r) => r.id));

    // A client's fees:read key of another client sees none of it.
    const otherKey = readKeyOf(world.clients[1]!.id);
    const foreign = await graphql(platform().gatewayUrl, 'query($id: ID!) { feeInvoice(id: $id) { id } }', { id: invoice.id }, bearer(otherKey.key));
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    const own = await callSubgraph('billing', 'query { feeInvoices(first: 500) { edges { node { id clientId } } } }', {}, clientReader(clientA.id));
    const edges = (own.data as { feeInvoices: { edges: { node: { id: string; clientId: string } }[] } }).feeInvoices.edges;
    expect(edges.map((e) => e.node.id)).toContain(invoice.id);
    expect(new Set(edges.map((e) => e.node.clientId))).toEqual(new Set([clientA.id]));
  });

  it('refuses a second invoice of the period, lets a credited one be issued again, and keeps issued lines as they were', async () => {
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-05-05`, 10);
    const contractId = await pricedContract();
    const issue = async () => graphql<{ issueFeeInvoice: { id: string; number: string; amount: { amount: string } } }>(platform().gatewayUrl, ISSUE, { c: contractId, p: `${YEAR}-05-01` }, await finance());
    const one = (await issue()).data!.issueFeeInvoice;
    expect(one.amount.amount).toBe('850.00');
    expect(codes(await issue())).toEqual(['CONFLICT']);

    // More treatments arrive for the invoiced month: the issued invoice does not move.
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-05-06`, 5);
    const again = await graphqlOk<{ feeInvoice: { amount: { amount: string } } }>(platform().gatewayUrl, 'query($id: ID!) { feeInvoice(id: $id) { amount { amount } } }', { id: one.id }, await finance());
    expect(again.feeInvoice.amount.amount).toBe('850.00');

    const credited = await graphqlOk<{ creditFeeInvoice: { status: string; creditNoteNumber: string } }>(
      platform().gatewayUrl,
      'mutation($id: ID!) { creditFeeInvoice(id: $id, reason: "late treatments") { status creditNoteNumber } }',
      { id: one.id },
      await finance(),
    );
    expect(credited.creditFeeInvoice.status).toBe('CREDITED');
    expect(credited.creditFeeInvoice.creditNoteNumber).toMatch(/^CN-\d{4}-\d{6}$/);
    const reissued = (await issue()).data!.issueFeeInvoice;
    expect(reissued.amount.amount).toBe('1275.00');
    expect(reissued.number).not.toBe(one.number);
    const paid = await graphqlOk<{ markFeeInvoicePaid: { status: string } }>(platform().gatewayUrl, 'mutation($id: ID!) { markFeeInvoicePaid(id: $id) { status } }', { id: reissued.id }, await finance());
    expect(paid.markFeeInvoicePaid.status).toBe('PAID');
  });
});

describe('a percentage-of-collections line', () => {
  it('drills down to exactly the collections it counted, in pages, adding up to its collections', async () => {
    const headers = await finance();
    // 45 collections in July at the covered site, and one on 1 August the line must not count.
    await owner(
      `with added as (
         insert into billing.collection (client_id, id, site_id, received_on, amount, source, reference)
         select $1::uuid, gen_random_uuid(), $2::uuid, $3::date + (n % 28), 100.00 + n, 'MANUAL', 'drill-down ' || n from generate_series(1, 45) n
         union all select $1::uuid, gen_random_uuid(), $2::uuid, $4::date, 999.00, 'MANUAL', 'next month'
         returning client_id, site_id, received_on, amount)
       insert into billing.collection_day (client_id, site_id, received_on, amount)
       select client_id, site_id, received_on, sum(amount) from added group by 1, 2, 3
       on conflict (client_id, site_id, received_on) do update set amount = billing.collection_day.amount + excluded.amount`,
      [clientA.id, siteA.id, `${YEAR}-07-01`, `${YEAR}-08-01`],
    );
    const created = await graphqlOk<{ createManagementContract: { id: string } }>(
      platform().gatewayUrl,
      'mutation($i: CreateManagementContractInput!) { createManagementContract(input: $i) { id } }',
      { i: { clientId: clientA.id, name: `Percent drill-down ${randomUUID().slice(0, 8)}`, services: ['REVENUE_CYCLE'], effectiveFrom: `${YEAR}-07-01`, sites: [{ siteId: siteA.id }] } },
      headers,
    );
    const contractId = created.createManagementContract.id;
    await graphqlOk(
      platform().gatewayUrl,
      'mutation($c: ID!, $i: AmendFeeScheduleInput!) { amendFeeSchedule(contractId: $c, input: $i) { id } }',
      { c: contractId, i: { effectiveFrom: `${YEAR}-07-01`, basis: 'PERCENT_OF_COLLECTIONS', percent: '8.00' } },
      headers,
    );
    const issued = await graphqlOk<{ issueFeeInvoice: { id: string } }>(platform().gatewayUrl, ISSUE, { c: contractId, p: `${YEAR}-07-01` }, headers);
    type Page = { edges: { node: { id: string; receivedOn: string; amount: { amount: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const page = (after: string | null) =>
      graphqlOk<{ feeInvoice: { lines: { kind: string; collections: { amount: string } | null; countedCollections: Page; countedTreatments: { edges: unknown[] } }[] } }>(
        platform().gatewayUrl,
        `query($id: ID!, $after: String) { feeInvoice(id: $id) { lines { kind collections { amount }
           countedCollections(first: 20, after: $after) { edges { node { id receivedOn amount { amount } } } pageInfo { hasNextPage endCursor } }
           countedTreatments(first: 5) { edges { cursor } } } } }`,
        { id: issued.issueFeeInvoice.id, after },
        headers,
      );
    const drilled: Page['edges'] = [];
    let after: string | null = null;
    let line: Awaited<ReturnType<typeof page>>['feeInvoice']['lines'][number] | undefined;
    do {
      line = (await page(after)).feeInvoice.lines.find((l) => l.kind === 'PERCENT_OF_COLLECTIONS')!;
      drilled.push(...line.countedCollections.edges);
      after = line.countedCollections.pageInfo.hasNextPage ? line.countedCollections.pageInfo.endCursor : null;
    } while (after);
    expect(drilled).toHaveLength(45);
    expect(line.countedTreatments.edges).toEqual([]);
    const expected = await owner<{ id: string }>(`select id from billing.collection where site_id = $1 and received_on between $2 and $3 order by received_on, id`, [siteA.id, `${YEAR}-07-01`, `${YEAR}-07-31`]);
    expect(drilled.map((e) => e.node.id)).toEqual(expected.map((r) => r.id));
    const cents = drilled.reduce((sum, e) => sum + Math.round(Number(e.node.amount.amount) * 100), 0);
    expect((cents / 100).toFixed(2)).toBe(line.collections!.amount);
    expect(line.collections!.amount).toBe('5535.00');
  });
});

describe('late activity and whole periods', () => {
  it('bills a late treatment of an invoiced period as an adjustment line on the next invoice, never editing the first', async () => {
    const contractId = await pricedContract();
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-07-05`, 10);
    const issue = async (month: string) =>
      (await graphqlOk<{ issueFeeInvoice: { id: string; number: string; amount: { amount: string }; lines: { kind: string; amount: { amount: string } }[] } }>(platform().gatewayUrl, ISSUE, { c: contractId, p: `${YEAR}-${month}-01` }, await finance())).issueFeeInvoice;
    const july = await issue('07');
    expect(july.amount.amount).toBe('850.00');

    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-07-06`, 4); // arrives after July was issued
    await ledgerFixture(siteA.id, clientA.id, `${YEAR}-08-03`, 2);
    const august = await issue('08');
    // August 2 × 85 = 170, plus July priced again (14 × 85 = 1,190) less what was billed (850)
    expect(august.lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['GRADUATED_TIER', '170.00'],
      ['ADJUSTMENT', '340.00'],
    ]);
    expect(august.amount.amount).toBe('510.00');

    const lines = await graphqlOk<{ feeInvoice: { lines: { adjustsInvoiceId: string | null; countedTreatments: { edges: { node: { serviceDate: string } }[] } }[] } }>(
      platform().gatewayUrl,
      'query($id: ID!) { feeInvoice(id: $id) { lines { adjustsInvoiceId countedTreatments(first: 50) { edges { node { serviceDate } } } } } }',
      { id: august.id },
      await finance(),
    );
    const adjustment = lines.feeInvoice.lines[1]!;
    expect(adjustment.adjustsInvoiceId).toBe(july.id);
    expect(adjustment.countedTreatments.edges.map((e) => e.node.serviceDate)).toEqual(Array(4).fill(`${YEAR}-07-06`));

    const unchanged = await graphqlOk<{ feeInvoice: { amount: { amount: string } } }>(platform().gatewayUrl, 'query($id: ID!) { feeInvoice(id: $id) { amount { amount } } }', { id: july.id }, await finance());
    expect(unchanged.feeInvoice.amount.amount).toBe('850.00');
    // Once adjusted, July is not adjusted again.
    expect((await issue('09')).lines.map((l) => l.kind)).toEqual([]);

    // And the invoiced past cannot be re-priced by an amendment dated inside it.
    const amend = await graphql(
      platform().gatewayUrl,
      'mutation($c: ID!, $i: AmendFeeScheduleInput!) { amendFeeSchedule(contractId: $c, input: $i) { id } }',
      { c: contractId, i: { effectiveFrom: `${YEAR}-09-15`, basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '10.00' } },
      await finance(),
    );
    expect(codes(amend)).toEqual(['CONFLICT']);
  });

  it('issues a period for every contract in batches, resumable, each contract once even with two callers at once', { timeout: 180_000 }, async () => {
    for (let i = 0; i < 6; i++) await pricedContract();
    const headers = await finance();
    const RUN = 'mutation($p: LocalDate!) { issueFeeInvoicesForPeriod(periodFrom: $p, batchSize: 4) { contracts invoiced remaining issuedNow { id contractId } } }';
    type Progress = { contracts: number; invoiced: number; remaining: number; issuedNow: { id: string; contractId: string }[] };
    const period = `${YEAR}-11-01`;
    const before = await graphqlOk<{ feeInvoicingProgress: Progress }>(platform().gatewayUrl, 'query($p: LocalDate!) { feeInvoicingProgress(periodFrom: $p) { contracts invoiced remaining } }', { p: period }, headers);
    expect(before.feeInvoicingProgress.invoiced).toBe(0);
    expect(before.feeInvoicingProgress.contracts).toBeGreaterThanOrEqual(6);

    // Two callers at once, then one until done: each call is a batch of its own.
    const [a, b] = await Promise.all([0, 1].map(async () => (await graphqlOk<{ issueFeeInvoicesForPeriod: Progress }>(platform().gatewayUrl, RUN, { p: period }, headers)).issueFeeInvoicesForPeriod));
    const issued = [...a!.issuedNow, ...b!.issuedNow];
    let progress = a!.remaining <= b!.remaining ? a! : b!;
    for (let calls = 0; progress.remaining > 0 && calls < 50; calls++) {
      progress = (await graphqlOk<{ issueFeeInvoicesForPeriod: Progress }>(platform().gatewayUrl, RUN, { p: period }, headers)).issueFeeInvoicesForPeriod;
      issued.push(...progress.issuedNow);
    }
    expect(progress).toMatchObject({ remaining: 0, invoiced: before.feeInvoicingProgress.contracts });
    expect(issued).toHaveLength(before.feeInvoicingProgress.contracts);
    expect(new Set(issued.map((i) => i.contractId)).size).toBe(issued.length);
    const again = (await graphqlOk<{ issueFeeInvoicesForPeriod: Progress }>(platform().gatewayUrl, RUN, { p: period }, headers)).issueFeeInvoicesForPeriod;
    expect(again.issuedNow).toEqual([]);
    const perContract = await owner<{ n: string }>(`select count(*) as n from billing.fee_invoice where period_from = $1 and status <> 'CREDITED' group by contract_id having count(*) > 1`, [period]);
    expect(perContract).toEqual([]);
  });
});

describe('invoice numbers', () => {
  it('stay gap-free per year with 20 issuers at once, some of them refused', { timeout: 180_000 }, async () => {
    const contracts: string[] = [];
    for (let i = 0; i < 20; i++) contracts.push(await pricedContract());
    const headers = await finance();
    const period = `${YEAR}-02-01`;
    // 20 issuers of different contracts, plus 5 repeating one of them (refused, their numbers given back).
    const results = await Promise.all([...contracts, ...contracts.slice(0, 5)].map((c) => graphql<{ issueFeeInvoice: { number: string } }>(platform().gatewayUrl, ISSUE, { c, p: period }, headers)));
    const numbers = results.filter((r) => !r.errors).map((r) => r.data!.issueFeeInvoice.number);
    expect(numbers).toHaveLength(20);
    expect(results.filter((r) => r.errors).map((r) => codes(r)[0])).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(new Set(numbers).size).toBe(20);

    const year = numbers[0]!.slice(4, 8);
    const all = await owner<{ n: number }>(`select substring(number from 10)::int as n from billing.fee_invoice where number like $1 order by 1`, [`INV-${year}-%`]);
    const sequence = all.map((r) => Number(r.n));
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => i + 1));
  });

  it('are given back by an issuing transaction that fails after numbering: the next invoice takes the number', { timeout: 120_000 }, async () => {
    const failing = await pricedContract();
    const next = await pricedContract();
    const headers = await finance();
    const period = `${YEAR}-05-01`;
    // A counter row and a sequence differ only here: the invoice is refused when it is stored,
    // after it took its number. A sequence keeps the number it handed out (a gap); the counter's
    // increment rolls back with the transaction. The refusal is a test-only trigger on this
    // file's contract, removed afterwards; the product has no switch for it.
    await owner(`create or replace function billing.test_refuse_invoice() returns trigger language plpgsql as $$
      begin
        if new.contract_id = '${failing}' then raise exception 'refused by the gap-free test'; end if;
        return new;
      end $$`);
    await owner(`create trigger test_refuse_invoice before insert on billing.fee_invoice for each row execute function billing.test_refuse_invoice()`);
    let issued: string;
    try {
      const refused = await graphql(platform().gatewayUrl, ISSUE, { c: failing, p: period }, headers);
      expect(refused.errors?.length).toBe(1);
      expect(await owner(`select 1 from billing.fee_invoice where contract_id = $1`, [failing])).toEqual([]);
      issued = (await graphqlOk<{ issueFeeInvoice: { number: string } }>(platform().gatewayUrl, ISSUE, { c: next, p: period }, headers)).issueFeeInvoice.number;
    } finally {
      await owner('drop trigger if exists test_refuse_invoice on billing.fee_invoice');
      await owner('drop function if exists billing.test_refuse_invoice()');
    }
    // The number the failed issue took is the one the next issue got: the year has no gap
    // (other files may issue meanwhile, so the whole year is checked rather than one step).
    const year = issued.slice(4, 8);
    const all = await owner<{ n: number }>(`select substring(number from 10)::int as n from billing.fee_invoice where number like $1 order by 1`, [`INV-${year}-%`]);
    const sequence = all.map((r) => Number(r.n));
    expect(sequence).toContain(Number(issued.slice(9)));
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => i + 1));
  });
});
