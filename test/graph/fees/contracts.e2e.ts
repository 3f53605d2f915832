import { randomUUID } from 'node:crypto';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { graphql, graphqlOk, insertChairFixtures, sqlRows, type ChairFixture } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { bearer, signInAs } from '../../support/auth';
import { callSubgraph } from '../../support/direct';
import { platform } from '../../support/platform';

/*
 * Contracts and effective-dated fee schedules through the gateway: finance creates a contract for
 * a client's sites (verified with facilities), amends its schedule mid-month without touching the
 * earlier version, previews a proposal; other clients' ids answer NOT_FOUND and change nothing.
 */

const CREATE = `mutation($i: CreateManagementContractInput!) {
  createManagementContract(input: $i) { id clientId name billingPeriod currency effectiveFrom sites { siteId coveredFrom coveredTo } }
}`;
const AMEND = `mutation($c: ID!, $i: AmendFeeScheduleInput!) {
  amendFeeSchedule(contractId: $c, input: $i) { id effectiveFrom basis tiers { fromTreatments toTreatments therapyClass feePerTreatment { amount currency } } }
}`;
const VERSIONS = `query($id: ID!, $on: LocalDate) {
  managementContract(id: $id) {
    feeSchedules { id effectiveFrom basis monthlyMinimum { amount } }
    feeSchedule(on: $on) { id effectiveFrom }
  }
}`;

const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);
const argumentOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.argument;
const owner = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => sqlRows<T>(platform().ownerDatabaseUrl, sql, params);

const finance = async () => bearer(await signInAs('finance@infusiongraph.test'));

/** Billing writer limited to some clients (and optionally sites), as a client-limited finance user would be. */
const writer = (clientIds: string[], siteIds: string[] | null = null): Principal => ({
  kind: 'OPS_USER',
  id: `fees-writer-${randomUUID()}`,
  credentialId: null,
  name: 'fees writer',
  role: 'FINANCE',
  clientIds,
  siteIds,
  scopes: ['billing:read', 'billing:write', 'fees:read'],
});

const GRADUATED = [
  { fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' },
  { fromTreatments: 201, feePerTreatment: '70.00' },
];

/**
 * Two clients of this file's own (facilities rows from the testkit), so the contracts it creates
 * never change what other tests expect of the demo clients.
 */
let clients: Promise<ChairFixture[]> | undefined;
async function twoClients() {
  clients ??= insertChairFixtures(platform().ownerDatabaseUrl, { clients: 2, chairsPerClient: 1, name: `Fees contracts client ${randomUUID().slice(0, 8)}` });
  const [a, b] = await clients;
  return { a: { id: a!.clientId }, b: { id: b!.clientId }, siteA: { id: a!.siteId }, siteB: { id: b!.siteId } };
}

async function newContract(clientId: string, siteId: string) {
  const r = await graphqlOk<{ createManagementContract: { id: string } }>(
    platform().gatewayUrl,
    CREATE,
    { i: { clientId, name: `Fees test ${randomUUID().slice(0, 8)}`, services: ['STAFFING', 'INVENTORY'], effectiveFrom: '2026-01-01', billingPeriod: 'QUARTERLY', sites: [{ siteId }] } },
    await finance(),
  );
  return r.createManagementContract.id;
}

describe('management contracts', () => {
  it('creates a contract covering the client’s own site, audited in the same transaction', async () => {
    const { a, siteA } = await twoClients();
    const name = `Fees test ${randomUUID().slice(0, 8)}`;
    const r = await graphqlOk<{ createManagementContract: { id: string; billingPeriod: string; currency: string; sites: { siteId: string; coveredFrom: string; coveredTo: string | null }[] } }>(
      platform().gatewayUrl,
      CREATE,
      { i: { clientId: a.id, name, services: ['STAFFING'], effectiveFrom: '2026-01-01', billingPeriod: 'QUARTERLY', sites: [{ siteId: siteA.id }] } },
      await finance(),
    );
    expect(r.createManagementContract).toMatchObject({ billingPeriod: 'QUARTERLY', currency: 'USD', sites: [{ siteId: siteA.id, coveredFrom: '2026-01-01', coveredTo: null }] });
    const audit = await owner<{ operation: string }>(`select operation from audit.audit_event where operation = 'createManagementContract' and $1 = any(entity_ids)`, [r.createManagementContract.id]);
    expect(audit).toHaveLength(1);
  });

  it('refuses another client’s site as NOT_FOUND naming the argument, and creates nothing', async () => {
    const { a, siteB } = await twoClients();
    const name = `Fees test ${randomUUID().slice(0, 8)}`;
    const r = await graphql(platform().gatewayUrl, CREATE, { i: { clientId: a.id, name, services: ['STAFFING'], effectiveFrom: '2026-01-01', sites: [{ siteId: siteB.id }] } }, await finance());
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(argumentOf(r)).toBe('input.sites');
    expect(await owner('select 1 from billing.management_contract where name = $1', [name])).toHaveLength(0);
  });

  it('answers NOT_FOUND for a client the writer may not see, and creates nothing', async () => {
    const { a, b } = await twoClients();
    const name = `Fees test ${randomUUID().slice(0, 8)}`;
    const r = await callSubgraph('billing', CREATE, { i: { clientId: a.id, name, services: ['STAFFING'], effectiveFrom: '2026-01-01' } }, writer([b.id]));
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(argumentOf(r)).toBe('input.clientId');
    expect(await owner('select 1 from billing.management_contract where name = $1', [name])).toHaveLength(0);
  });

  it('forbids a caller limited to sites from changing a whole client’s contract', async () => {
    const { a, siteA } = await twoClients();
    const r = await callSubgraph('billing', CREATE, { i: { clientId: a.id, name: 'x', services: ['STAFFING'], effectiveFrom: '2026-01-01' } }, writer([a.id], [siteA.id]));
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });
});

describe('fee schedules as effective-dated versions', () => {
  it('adds an amendment without rewriting the version before it, and answers the version in force on a day', async () => {
    const { a, siteA } = await twoClients();
    const contractId = await newContract(a.id, siteA.id);
    const v1 = await graphqlOk<{ amendFeeSchedule: { id: string } }>(
      platform().gatewayUrl,
      AMEND,
      { c: contractId, i: { effectiveFrom: '2026-01-01', basis: 'PER_TREATMENT_GRADUATED', tiers: GRADUATED, monthlyMinimum: '5000.00' } },
      await finance(),
    );
    const before = await owner<Record<string, unknown>>('select * from billing.fee_schedule where id = $1', [v1.amendFeeSchedule.id]);
    const v2 = await graphqlOk<{ amendFeeSchedule: { id: string; tiers: { therapyClass: string | null; feePerTreatment: { currency: string } }[] } }>(
      platform().gatewayUrl,
      AMEND,
      {
        c: contractId,
        i: {
          effectiveFrom: '2026-04-16',
          basis: 'PER_TREATMENT_VOLUME',
          tiers: [...GRADUATED, { fromTreatments: 1, feePerTreatment: '140.00', therapyClass: 'ONCOLOGY' }],
          fixedAnnualFee: '24000.00',
        },
      },
      await finance(),
    );
    expect(v2.amendFeeSchedule.tiers.map((t) => t.therapyClass).sort()).toEqual(['ONCOLOGY', null, null]);
    expect(v2.amendFeeSchedule.tiers.every((t) => t.feePerTreatment.currency === 'USD')).toBe(true);
    expect(await owner('select * from billing.fee_schedule where id = $1', [v1.amendFeeSchedule.id])).toEqual(before);

    const versions = async (on: string) =>
      (await graphqlOk<{ managementContract: { feeSchedules: { id: string; effectiveFrom: string }[]; feeSchedule: { id: string } | null } }>(platform().gatewayUrl, VERSIONS, { id: contractId, on }, await finance())).managementContract;
    expect((await versions('2026-04-15')).feeSchedules.map((v) => v.effectiveFrom)).toEqual(['2026-01-01', '2026-04-16']);
    expect((await versions('2026-04-15')).feeSchedule?.id).toBe(v1.amendFeeSchedule.id);
    expect((await versions('2026-04-16')).feeSchedule?.id).toBe(v2.amendFeeSchedule.id);
  });

  it('refuses a second version on the same day (CONFLICT) and a tier gap (BAD_USER_INPUT naming input.tiers)', async () => {
    const { a, siteA } = await twoClients();
    const contractId = await newContract(a.id, siteA.id);
    const amend = async (i: Record<string, unknown>) => graphql(platform().gatewayUrl, AMEND, { c: contractId, i }, await finance());
    await amend({ effectiveFrom: '2026-02-01', basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '1500.00' });
    const twice = await amend({ effectiveFrom: '2026-02-01', basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '1600.00' });
    expect(codes(twice)).toEqual(['CONFLICT']);
    const gap = await amend({ effectiveFrom: '2026-03-01', basis: 'PER_TREATMENT_GRADUATED', tiers: [GRADUATED[0], { fromTreatments: 250, feePerTreatment: '70.00' }] });
    expect(codes(gap)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(gap)).toBe('input.tiers');
    const outside = await amend({ effectiveFrom: '2025-12-31', basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '1.00' });
    expect(argumentOf(outside)).toBe('input.effectiveFrom');
    expect(await owner('select effective_from from billing.fee_schedule where contract_id = $1', [contractId])).toHaveLength(1);
  });

  it('answers NOT_FOUND to a writer of another client amending this client’s contract, and adds no version', async () => {
    const { a, b, siteA } = await twoClients();
    const contractId = await newContract(a.id, siteA.id);
    const r = await callSubgraph('billing', AMEND, { c: contractId, i: { effectiveFrom: '2026-02-01', basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '1.00' } }, writer([b.id]));
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(argumentOf(r)).toBe('contractId');
    expect(await owner('select 1 from billing.fee_schedule where contract_id = $1', [contractId])).toHaveLength(0);
  });
});

describe('previewing a proposal', () => {
  it('prices a hybrid tiered percentage against a floor, plus chairs, for a partial month', async () => {
    const r = await graphqlOk<{ feeProposalPreview: { amount: { amount: string }; lines: { kind: string; amount: { amount: string }; from: string; to: string }[] } }>(
      platform().gatewayUrl,
      `query($t: FeeScheduleTermsInput!, $a: FeeActivityInput!) {
        feeProposalPreview(terms: $t, activity: $a, month: "2026-04-10") { amount { amount currency } lines { kind description amount { amount } from to } }
      }`,
      {
        t: {
          basis: 'PERCENT_OF_COLLECTIONS',
          percentTiers: [{ upToCollections: '100000.00', percent: '10.00' }, { percent: '6.00' }],
          collectionsFloor: '12000.00',
          flatPerChairMonthly: '300.00',
        },
        a: { treatments: 400, activeSites: 2, chairs: 10, collections: '150000.00', daysActive: 15 },
      },
      await finance(),
    );
    // 10% × 100,000 + 6% × 50,000 = 13,000 ≥ floor 6,000 (15/30); chairs 10 × 300 × 15/30 = 1,500
    expect(r.feeProposalPreview.amount.amount).toBe('14500.00');
    expect(r.feeProposalPreview.lines.map((l) => [l.kind, l.amount.amount, l.from, l.to])).toEqual([
      ['PERCENT_OF_COLLECTIONS', '10000.00', '2026-04-01', '2026-04-15'],
      ['PERCENT_OF_COLLECTIONS', '3000.00', '2026-04-01', '2026-04-15'],
      ['FLAT_PER_CHAIR', '1500.00', '2026-04-01', '2026-04-15'],
    ]);
  });

  it('names the field of a proposal the rules refuse', async () => {
    const r = await graphql(
      platform().gatewayUrl,
      'query($t: FeeScheduleTermsInput!) { feeProposalPreview(terms: $t, activity: { treatments: 1, activeSites: 1 }) { amount { amount } } }',
      { t: { basis: 'PERCENT_OF_COLLECTIONS', percent: '8.00', tiers: GRADUATED } },
      await finance(),
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(r)).toBe('terms.tiers');
  });
});
