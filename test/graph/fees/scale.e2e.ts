import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { graphqlOk, sqlRows } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signInAs } from '../../support/auth';
import { clientReader, callSubgraph } from '../../support/direct';
import { platform } from '../../support/platform';

/*
 * The scale seed (`npm run seed:scale`) at a small size: what it writes by COPY, the rollups it
 * counts row by row, and the monthly rollups the daily ones' triggers keep, must equal aggregates
 * over the ledgers; and the fee report, which prices whole months from the monthly rollups, must
 * give the fee the draft invoice gives from the daily ones.
 */

const ROOT = join(__dirname, '..', '..', '..');
const ADMINISTRATIONS = 20_000;
const SCALE = '5ca1e000-%';
const owner = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => sqlRows<T>(platform().ownerDatabaseUrl, sql, params);

function seedScale(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'services/billing/dist/cli.js'), 'seed-scale', ...args], {
      env: { ...process.env, DATABASE_URL: platform().ownerDatabaseUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`seed-scale ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

const now = new Date();
const monthStart = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
const monthEnd = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0)).toISOString().slice(0, 10);
/** The last whole month (the seed's data ends with it) and the month every tenth contract was amended in, on the 15th. */
const LAST = monthStart(1);
const AMENDED = monthStart(12);

beforeAll(async () => {
  await seedScale('--administrations', String(ADMINISTRATIONS));
}, 180_000);

// The scale clients would show up in every other test's all-client report: leave none behind.
afterAll(async () => {
  await seedScale('--remove');
}, 120_000);

describe('the scale seed', () => {
  it('writes 200 clients, 600 sites and the administrations asked for, with a progress bar on stderr', async () => {
    const [counts] = await owner<{ clients: number; sites: number; treatments: number; contracts: number }>(
      `select (select count(distinct client_id)::int from billing.treatment where client_id::text like $1) as clients,
              (select count(distinct site_id)::int from billing.contract_site where client_id::text like $1) as sites,
              (select count(*)::int from billing.treatment where client_id::text like $1) as treatments,
              (select count(*)::int from billing.management_contract where client_id::text like $1) as contracts`,
      [SCALE],
    );
    expect(counts).toEqual({ clients: 200, sites: 600, treatments: ADMINISTRATIONS, contracts: 200 });
  });

  it('counts its rollups as the incremental path would: daily and monthly equal an aggregate over the ledgers', async () => {
    const mismatches = await owner<{ rollup: string; n: number }>(
      `select * from (select 'treatment_day' as rollup, count(*)::int as n
         from (select client_id, site_id, service_date, therapy_class, count(*)::int as treatments from billing.treatment where client_id::text like $1 group by 1, 2, 3, 4) l
         full join (select * from billing.treatment_day where client_id::text like $1) r using (client_id, site_id, service_date, therapy_class)
        where l.treatments is distinct from r.treatments
       union all
       select 'treatment_month', count(*)::int
         from (select client_id, site_id, date_trunc('month', service_date)::date as month, therapy_class, count(*)::int as treatments from billing.treatment where client_id::text like $1 group by 1, 2, 3, 4) l
         full join (select * from billing.treatment_month where client_id::text like $1) r using (client_id, site_id, month, therapy_class)
        where l.treatments is distinct from r.treatments
       union all
       select 'collection_day', count(*)::int
         from (select client_id, site_id, received_on, sum(amount) as amount from billing.collection where client_id::text like $1 group by 1, 2, 3) l
         full join (select * from billing.collection_day where client_id::text like $1) r using (client_id, site_id, received_on)
        where l.amount is distinct from r.amount
       union all
       select 'collection_month', count(*)::int
         from (select client_id, site_id, date_trunc('month', received_on)::date as month, sum(amount) as amount from billing.collection where client_id::text like $1 group by 1, 2, 3) l
         full join (select * from billing.collection_month where client_id::text like $1) r using (client_id, site_id, month)
        where l.amount is distinct from r.amount) mismatched order by rollup`,
      [SCALE],
    );
    expect(mismatches).toEqual([
      { rollup: 'collection_day', n: 0 },
      { rollup: 'collection_month', n: 0 },
      { rollup: 'treatment_day', n: 0 },
      { rollup: 'treatment_month', n: 0 },
    ]);
    // Not vacuous: the rollups hold every treatment and every cent.
    const [totals] = await owner<{ treatments: number; days: number; collected: string; ledger: string }>(
      `select (select sum(treatments)::int from billing.treatment_month where client_id::text like $1) as treatments,
              (select count(*)::int from billing.treatment_day where client_id::text like $1) as days,
              (select sum(amount)::text from billing.collection_month where client_id::text like $1) as collected,
              (select sum(amount)::text from billing.collection where client_id::text like $1) as ledger`,
      [SCALE],
    );
    expect(totals!.treatments).toBe(ADMINISTRATIONS);
    expect(totals!.days).toBeGreaterThan(1000);
    expect(totals!.collected).toBe(totals!.ledger);
  });

  it('is rerunnable: a second run replaces the first instead of adding to it', async () => {
    const output = await seedScale('--administrations', String(ADMINISTRATIONS));
    expect(output).toMatch(/administrations \[#+\]/);
    const [again] = await owner<{ treatments: number; rollup: number }>(
      `select (select count(*)::int from billing.treatment where client_id::text like $1) as treatments,
              (select sum(treatments)::int from billing.treatment_month where client_id::text like $1) as rollup`,
      [SCALE],
    );
    expect(again).toEqual({ treatments: ADMINISTRATIONS, rollup: ADMINISTRATIONS });
  }, 180_000);
});

const REPORT = `query($from: LocalDate!, $to: LocalDate!) {
  feeReport(from: $from, to: $to) { contract { id billingPeriod } clientId month treatments collections { amount } fee { amount } }
}`;
const DRAFT = 'query($c: ID!, $p: LocalDate!) { feeInvoiceDraft(contractId: $c, periodFrom: $p) { amount { amount } } }';

interface Row {
  contract: { id: string; billingPeriod: string };
  clientId: string;
  month: string;
  treatments: number;
  collections: { amount: string };
  fee: { amount: string };
}

describe('the fee report over the scale clients', () => {
  it('counts what the ledgers hold at the covered sites, client by client, to the cent', async () => {
    const headers = bearer(await signInAs('finance@infusiongraph.test'));
    const { feeReport } = await graphqlOk<{ feeReport: Row[] }>(platform().gatewayUrl, REPORT, { from: LAST, to: LAST }, headers);
    const reported = feeReport.filter((r) => r.clientId.startsWith('5ca1e000-'));
    expect(reported).toHaveLength(200);
    const ledger = await owner<{ client_id: string; treatments: number; collections: string }>(
      `select c.client_id::text, (select count(*)::int from billing.treatment t where t.client_id = c.client_id and t.service_date between $2 and $3) as treatments,
              (select coalesce(sum(amount), 0)::numeric(16, 2)::text from billing.collection l where l.client_id = c.client_id and l.received_on between $2 and $3) as collections
         from billing.management_contract c where c.client_id::text like $1`,
      [SCALE, LAST, monthEnd(1)],
    );
    const expected = Object.fromEntries(ledger.map((r) => [r.client_id, { treatments: r.treatments, collections: r.collections }]));
    expect(Object.fromEntries(reported.map((r) => [r.clientId, { treatments: r.treatments, collections: r.collections.amount }]))).toEqual(expected);
    expect(reported.reduce((sum, r) => sum + r.treatments, 0)).toBeGreaterThan(0);
  });

  it('prices each monthly contract’s month as its draft invoice does, in a plain month and in one with a mid-month amendment', { timeout: 120_000 }, async () => {
    const headers = bearer(await signInAs('finance@infusiongraph.test'));
    // At this small size minimums and flat fees dominate; 400 treatments on the 20th of the amended
    // month for clients 1 (graduated) and 51 (volume) make the fee depend on which version prices
    // which day (ledger and daily rollup written together, as the event handler does).
    for (const n of [1, 51]) {
      const client = `5ca1e000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
      const site = `5ca1e001-0000-4000-8000-${(3 * (n - 1) + 1).toString(16).padStart(12, '0')}`;
      await owner(
        `with added as (
           insert into billing.treatment (client_id, id, site_id, service_date, therapy_class, line_kind, indication_family, patient_id, order_id, product_id, appointment_id, completed_at, event_id)
           select $1::uuid, gen_random_uuid(), $2::uuid, $3::date, 'NON_ONCOLOGY', 'THERAPEUTIC', 'NON_ONCOLOGY', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $3::date + make_interval(mins => g), gen_random_uuid()
             from generate_series(1, 400) g
           returning client_id, site_id, service_date, therapy_class)
         insert into billing.treatment_day (client_id, site_id, service_date, therapy_class, treatments)
         select client_id, site_id, service_date, therapy_class, count(*) from added group by 1, 2, 3, 4
         on conflict (client_id, site_id, service_date, therapy_class) do update set treatments = billing.treatment_day.treatments + excluded.treatments`,
        [client, site, `${AMENDED.slice(0, 8)}20`],
      );
    }
    for (const month of [LAST, AMENDED]) {
      const { feeReport } = await graphqlOk<{ feeReport: Row[] }>(platform().gatewayUrl, REPORT, { from: month, to: month }, headers);
      // Every shape (clients 1–7 cycle through them) and the amended ones (every tenth from the first).
      const sample = feeReport.filter((r) => r.contract.billingPeriod === 'MONTHLY' && /^5ca1e000-0000-4000-8000-0000000000(0[1-7]|0b|15|1f|29|33)$/.test(r.clientId));
      expect(sample.length).toBeGreaterThanOrEqual(9);
      for (const row of sample) {
        const { feeInvoiceDraft } = await graphqlOk<{ feeInvoiceDraft: { amount: { amount: string } } }>(platform().gatewayUrl, DRAFT, { c: row.contract.id, p: month }, headers);
        expect({ client: row.clientId, month, fee: row.fee.amount }).toEqual({ client: row.clientId, month, fee: feeInvoiceDraft.amount.amount });
      }
      expect(sample.some((r) => r.fee.amount !== '0.00')).toBe(true);
    }
  });

  it('splits each fee by site and by service line as the engine priced it, the parts adding up to the fee', async () => {
    const headers = bearer(await signInAs('finance@infusiongraph.test'));
    const SPLIT = `query($from: LocalDate!, $to: LocalDate!) { feeReport(from: $from, to: $to) { clientId fee { amount }
      feeBySite { site { id } fee { amount } } feeByTherapyClass { therapyClass fee { amount } } } }`;
    type Split = { clientId: string; fee: { amount: string }; feeBySite: { site: { id: string } | null; fee: { amount: string } }[]; feeByTherapyClass: { therapyClass: string | null; fee: { amount: string } }[] };
    // A year of months: at this small size a client has a few treatments a month, not at every site.
    const { feeReport } = await graphqlOk<{ feeReport: Split[] }>(platform().gatewayUrl, SPLIT, { from: monthStart(12), to: LAST }, headers);
    const cents = (parts: { fee: { amount: string } }[]) => parts.reduce((a, p) => a + Math.round(Number(p.fee.amount) * 100), 0);
    for (const row of feeReport) {
      expect({ client: row.clientId, bySite: cents(row.feeBySite), byClass: cents(row.feeByTherapyClass) }).toEqual({
        client: row.clientId,
        bySite: Math.round(Number(row.fee.amount) * 100),
        byClass: Math.round(Number(row.fee.amount) * 100),
      });
    }
    // Client 6 has per-site tiers: parts at its own sites (16–18). Client 2 has an oncology tier table: an oncology part.
    const perSite = feeReport.filter((r) => r.clientId === '5ca1e000-0000-4000-8000-000000000006').flatMap((r) => r.feeBySite.filter((p) => p.site !== null));
    expect(new Set(perSite.map((p) => p.site!.id))).toEqual(new Set(['10', '11', '12'].map((n) => `5ca1e001-0000-4000-8000-0000000000${n}`)));
    const byClass = feeReport.filter((r) => r.clientId === '5ca1e000-0000-4000-8000-000000000002').flatMap((r) => r.feeByTherapyClass);
    expect(new Set(byClass.map((p) => p.therapyClass))).toEqual(new Set(['ONCOLOGY', null]));
    expect(byClass.some((p) => p.therapyClass === 'ONCOLOGY' && Number(p.fee.amount) > 0)).toBe(true);
  });

  it('sums each client’s months for the console as Client.feeSummary, batched over clients, a client key seeing only its own', async () => {
    const headers = bearer(await signInAs('finance@infusiongraph.test'));
    const { feeReport } = await graphqlOk<{ feeReport: Row[] }>(platform().gatewayUrl, REPORT, { from: monthStart(3), to: LAST }, headers);
    const clients = ['5ca1e000-0000-4000-8000-000000000001', '5ca1e000-0000-4000-8000-000000000003', '5ca1e000-0000-4000-8000-000000000005'];
    const SUMMARY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id feeSummary(months: 3) { months { month treatments fee { amount } collections { amount } } } } } }';
    type Summary = { _entities: { id: string; feeSummary: { months: { month: string; treatments: number; fee: { amount: string }; collections: { amount: string } }[] } }[] };
    const finance = { ...clientReader(clients[0]!), kind: 'OPS_USER' as const, role: 'FINANCE' as const, clientIds: null };
    const answer = await callSubgraph('billing', SUMMARY, { r: clients.map((id) => ({ __typename: 'Client', id })) }, finance);
    expect(answer.errors).toBeUndefined();
    const summaries = (answer.data as Summary)._entities;
    for (const summary of summaries) {
      const rows = feeReport.filter((r) => r.clientId === summary.id);
      expect(summary.feeSummary.months).toEqual(
        [monthStart(3), monthStart(2), LAST].map((month) => {
          const own = rows.filter((r) => r.month === month);
          const cents = (amounts: string[]) => (amounts.reduce((a, b) => a + Math.round(Number(b) * 100), 0) / 100).toFixed(2);
          return { month, treatments: own.reduce((a, r) => a + r.treatments, 0), fee: { amount: cents(own.map((r) => r.fee.amount)) }, collections: { amount: cents(own.map((r) => r.collections.amount)) } };
        }),
      );
    }
    expect(summaries.flatMap((s) => s.feeSummary.months).some((m) => m.treatments > 0)).toBe(true);

    // A client's own key: its own months, and nothing of another client.
    const own = await callSubgraph('billing', SUMMARY, { r: clients.map((id) => ({ __typename: 'Client', id })) }, clientReader(clients[1]!));
    // Another client's representation has no summary (null, as if facilities had hidden the client), never its fees.
    expect(own.errors).toBeUndefined();
    const seen = (own.data as { _entities: { id: string; feeSummary: Summary['_entities'][number]['feeSummary'] | null }[] })._entities;
    expect(seen.find((s) => s.id === clients[1])!.feeSummary!.months).toHaveLength(3);
    expect(seen.filter((s) => s.id !== clients[1]).map((s) => s.feeSummary)).toEqual([null, null]);
  });
});
