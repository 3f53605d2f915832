import { randomUUID } from 'node:crypto';
import { graphqlOk, insertChairFixtures, sqlRows } from '@infusion/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, readKeyOf, signInAs } from '../../support/auth';
import { platform, seededWorld } from '../../support/platform';
import { insertBillableTreatments } from '../../support/ledger';

/*
 * Finance's fee report through the gateway, over numbers worked out by hand: volumes and
 * collections from the rollups, the fee as invoiced, the month-over-month trend and the flags.
 */

const owner = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => sqlRows<T>(platform().ownerDatabaseUrl, sql, params);
const finance = async () => bearer(await signInAs('finance@infusiongraph.test'));

/** A year of the 1990s no other test uses. */
const YEAR = 1990 + Math.floor(Math.random() * 10);
const world = seededWorld();
/** A client of this file's own, so its contract disturbs no other test. */
const client = { id: '' };
const site = { id: '' };
beforeAll(async () => {
  const [made] = await insertChairFixtures(platform().ownerDatabaseUrl, { clients: 1, chairsPerClient: 1, name: `Fees report client ${randomUUID().slice(0, 8)}` });
  client.id = made!.clientId;
  site.id = made!.siteId;
});

const treatments = (serviceDate: string, count: number) => insertBillableTreatments({ clientId: client.id, siteId: site.id, serviceDate, count });

const REPORT = `query($from: LocalDate!, $to: LocalDate!, $clientId: ID) {
  feeReport(from: $from, to: $to, clientId: $clientId) {
    contract { id } clientId month treatments fee { amount } effectiveFeePerTreatment { amount } previousFee { amount }
    feeChangePercent treatmentsChangePercent collections { amount } collectionsLessFee { amount } nearMinimum nearCap outsideFmvBand
    bySite { site { id } treatments collections { amount } } byTherapyClass { therapyClass treatments }
  }
}`;

interface Row {
  contract: { id: string };
  clientId: string;
  month: string;
  treatments: number;
  fee: { amount: string };
  effectiveFeePerTreatment: { amount: string } | null;
  previousFee: { amount: string } | null;
  feeChangePercent: string | null;
  treatmentsChangePercent: string | null;
  collections: { amount: string };
  collectionsLessFee: { amount: string };
  nearMinimum: boolean;
  nearCap: boolean;
  outsideFmvBand: boolean;
  bySite: { site: { id: string }; treatments: number; collections: { amount: string } }[];
  byTherapyClass: { therapyClass: string; treatments: number }[];
}

describe('the fee report', () => {
  it('shows volume, fee, trend and flags per contract and month, from the rollups', async () => {
    const headers = await finance();
    const created = await graphqlOk<{ createManagementContract: { id: string } }>(
      platform().gatewayUrl,
      'mutation($i: CreateManagementContractInput!) { createManagementContract(input: $i) { id } }',
      { i: { clientId: client.id, name: `Report test ${randomUUID().slice(0, 8)}`, services: ['STAFFING'], effectiveFrom: `${YEAR}-01-01`, sites: [{ siteId: site.id }] } },
      headers,
    );
    const contractId = created.createManagementContract.id;
    await graphqlOk(
      platform().gatewayUrl,
      'mutation($c: ID!, $i: AmendFeeScheduleInput!) { amendFeeSchedule(contractId: $c, input: $i) { id } }',
      {
        c: contractId,
        i: { effectiveFrom: `${YEAR}-01-01`, basis: 'PER_TREATMENT_GRADUATED', tiers: [{ fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' }, { fromTreatments: 201, feePerTreatment: '70.00' }], monthlyMinimum: '5000.00', monthlyCap: '13000.00' },
      },
      headers,
    );
    await treatments(`${YEAR}-02-10`, 100);
    await treatments(`${YEAR}-03-10`, 150);
    await treatments(`${YEAR}-04-10`, 10);
    await owner(
      `insert into billing.collection_day (client_id, site_id, received_on, amount) values ($1, $2, $3, 100000.00)
       on conflict (client_id, site_id, received_on) do update set amount = billing.collection_day.amount + excluded.amount`,
      [client.id, site.id, `${YEAR}-03-15`],
    );

    const report = await graphqlOk<{ feeReport: Row[] }>(platform().gatewayUrl, REPORT, { from: `${YEAR}-02-01`, to: `${YEAR}-04-30`, clientId: client.id }, headers);
    const rows = report.feeReport.filter((r) => r.contract.id === contractId);
    expect(rows.map((r) => [r.month, r.treatments, r.fee.amount, r.effectiveFeePerTreatment?.amount ?? null, r.previousFee?.amount ?? null, r.feeChangePercent])).toEqual([
      // January: no treatments, the 5,000 minimum. February 100 × 85.
      [`${YEAR}-02-01`, 100, '8500.00', '85.00', '5000.00', '70.00'],
      // March 150 × 85 = 12,750, under the 13,000 cap but within 10% of it.
      [`${YEAR}-03-01`, 150, '12750.00', '85.00', '8500.00', '50.00'],
      // April 10 × 85 = 850, raised to 5,000: 500.00 a treatment.
      [`${YEAR}-04-01`, 10, '5000.00', '500.00', '12750.00', '-60.78'],
    ]);
    expect(rows.map((r) => [r.nearMinimum, r.nearCap, r.outsideFmvBand])).toEqual([
      [false, false, false],
      [false, true, false],
      [true, false, true],
    ]);
    expect(rows[1]!.treatmentsChangePercent).toBe('50.00');
    expect(rows[1]!.collections.amount).toBe('100000.00');
    expect(rows[1]!.collectionsLessFee.amount).toBe('87250.00');
    expect(rows[0]!.bySite).toEqual([{ site: { id: site.id }, treatments: 100, collections: { amount: '0.00' } }]);
    expect(rows[0]!.byTherapyClass).toEqual([{ therapyClass: 'NON_ONCOLOGY', treatments: 100 }]);
  });

  it('shows a client key only its own client’s contracts', async () => {
    const other = world.clients[0]!;
    const report = await graphqlOk<{ feeReport: Row[] }>(platform().gatewayUrl, REPORT, { from: world.anchorDate, to: world.anchorDate }, bearer(readKeyOf(other.id).key));
    expect(report.feeReport.length).toBeGreaterThan(0);
    expect(new Set(report.feeReport.map((r) => r.clientId))).toEqual(new Set([other.id]));
    // The demo's ninety days give the current month real numbers.
    expect(report.feeReport.some((r) => r.treatments > 0)).toBe(true);
  });
});
