/**
 * Management fees at scale (issue 12), run when BENCH_FEES_SCALE=1 (about 5 minutes, most of it
 * the 3-million seed): billing's scale seed at 300,000 and then at 3,000,000 administrations (200
 * clients, 600 sites, 3 years), and at each size the 200-client monthly fee report through the
 * gateway (p50/p95, one request at a time, and its SQL statements; and the p50 of the same report
 * with each row's drill-down by site and service line), the same treatments and
 * collections by a raw SQL aggregate over the ledgers (must be equal to the cent, or the bench
 * fails), the aggregate's time, and the ratio of 3M to 300k.
 *
 * BENCH_FEES_SIZES (e.g. "300000,3000000", the default) changes the sizes; the first is the baseline.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { countSqlStatements, graphqlOk, readDemoCredentials, sqlRows, type DemoCredentials, type PlatformInfo } from '@infusion/testkit';
import pg from 'pg';
import type { Result } from './result';
import { oneAtATime, percentile, round } from './timing';

/** The report finance asks for every client: one row per contract with its month's figures. */
const REPORT = `query($month: LocalDate!) {
  feeReport(from: $month, to: $month) {
    contract { id } clientId month treatments collections { amount } fee { amount } effectiveFeePerTreatment { amount }
    previousFee { amount } feeChangePercent nearMinimum nearCap outsideFmvBand
  }
}`;

/** The same with every row's drill-down by site and by service line (about 2.3 times the bytes). */
const DRILL_DOWN = REPORT.replace('outsideFmvBand', 'outsideFmvBand bySite { site { id } treatments collections { amount } } byTherapyClass { therapyClass treatments }');

interface ReportRow {
  clientId: string;
  treatments: number;
  collections: { amount: string };
  fee: { amount: string };
}

/** The scale seed's client ids (services/billing/src/scale/scale-seed.ts): prefix 5ca1e000. */
const SCALE_CLIENT = /^5ca1e000-/;
const RUNS = 60;
const WARM_UP = 100;
const ROOT = join(__dirname, '..', '..');

const cents = (amount: string) => BigInt(amount.replace('.', ''));

function seed(info: PlatformInfo, administrations: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'services/billing/dist/cli.js'), 'seed-scale', '--administrations', String(administrations)], {
      env: { ...process.env, DATABASE_URL: info.ownerDatabaseUrl },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed-scale exited with ${code}`))));
  });
}

/**
 * Treatments and collections per client in the month, straight from the ledgers (not the
 * rollups), counted where the fee counts them: at a site the contract covers, on a day it covers it.
 */
const RAW = `
  with covered as (
    select cs.client_id, cs.site_id, greatest(cs.covered_from, c.effective_from) as from_day, least(coalesce(cs.covered_to, 'infinity'), coalesce(c.effective_to, 'infinity')) as to_day
      from billing.contract_site cs join billing.management_contract c on c.client_id = cs.client_id and c.id = cs.contract_id
     where cs.client_id::text like '5ca1e000-%'),
  treated as (
    select t.client_id, count(*) as treatments from billing.treatment t
      join covered v on v.client_id = t.client_id and v.site_id = t.site_id and t.service_date between v.from_day and v.to_day
     where t.service_date between $1 and $2 group by 1),
  collected as (
    select l.client_id, sum(l.amount) as amount from billing.collection l
      join covered v on v.client_id = l.client_id and v.site_id = l.site_id and l.received_on between v.from_day and v.to_day
     where l.received_on between $1 and $2 group by 1)
  select coalesce(t.client_id, c.client_id)::text as client_id, coalesce(t.treatments, 0)::int as treatments, coalesce(c.amount, 0)::text as collections
    from treated t full join collected c on c.client_id = t.client_id`;

async function measure(info: PlatformInfo, headers: Record<string, string>, month: string, monthEnd: string) {
  const call = () => graphqlOk<{ feeReport: ReportRow[] }>(info.gatewayUrl, REPORT, { month }, headers);
  // Warm-up: plans, pools, and V8's optimising compiler, which reaches the report's code only after
  // some dozens of requests (p50 over successive rounds of 40: 71, 57, 43, 47 ms). A server
  // answering finance all day is warm; the first requests after a start are not what is measured.
  const { latencies, last } = await oneAtATime(call, RUNS, WARM_UP);
  const rows = last.feeReport;
  const statements = await countSqlStatements(info, call);
  const drillDown = () => graphqlOk<{ feeReport: ReportRow[] }>(info.gatewayUrl, DRILL_DOWN, { month }, headers);
  const { latencies: drillDownLatencies } = await oneAtATime(drillDown, RUNS / 2, WARM_UP / 2);

  const db = new pg.Client({ connectionString: info.ownerDatabaseUrl });
  await db.connect();
  const rawTimes: number[] = [];
  let raw: { client_id: string; treatments: number; collections: string }[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      raw = (await db.query(RAW, [month, monthEnd])).rows;
      rawTimes.push(performance.now() - t);
    }
  } finally {
    await db.end();
  }
  rawTimes.sort((a, b) => a - b);

  // Equal to the cent, client by client, or the bench stops: a fast wrong report is worth nothing.
  const reported = rows.filter((r) => SCALE_CLIENT.test(r.clientId));
  const byClient = new Map(raw.map((r) => [r.client_id, r]));
  const problems: string[] = [];
  for (const row of reported) {
    const expected = byClient.get(row.clientId);
    if (!expected || expected.treatments !== row.treatments || cents(expected.collections) !== cents(row.collections.amount)) {
      problems.push(`${row.clientId}: report ${row.treatments} treatments, ${row.collections.amount} collected; ledger ${expected?.treatments} and ${expected?.collections}`);
    }
  }
  if (reported.length !== raw.length) problems.push(`the report has ${reported.length} scale clients, the ledger ${raw.length}`);
  if (problems.length) throw new Error(`fee report and ledger disagree for ${month}:\n  ${problems.slice(0, 10).join('\n  ')}`);
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    drillDownP50: percentile(drillDownLatencies, 50),
    raw: percentile(rawTimes, 50),
    statements: statements.statements.billing ?? statements.total,
    clients: reported.length,
    treatments: reported.reduce((a, r) => a + r.treatments, 0),
    collections: sum(reported.map((r) => cents(r.collections.amount))),
    fees: sum(reported.map((r) => cents(r.fee.amount))),
  };
}

export async function benchFees(info: PlatformInfo, results: Result[]): Promise<void> {
  if (process.env.BENCH_FEES_SCALE !== '1') {
    console.log('  fees at scale: skipped (BENCH_FEES_SCALE=1 runs it, about 5 minutes)');
    return;
  }
  const sizes = (process.env.BENCH_FEES_SIZES ?? '300000,3000000').split(',').map(Number);
  const credentials = readDemoCredentials(info.credentialsPath) as DemoCredentials;
  const finance = credentials.ops.find((o) => o.email.startsWith('finance')) ?? credentials.ops[0]!;
  const { signIn } = await graphqlOk<{ signIn: { token: string } }>(info.gatewayUrl, 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }', {
    email: finance.email,
    password: finance.password,
  });
  const headers = { authorization: `Bearer ${signIn.token}` };
  // The last whole month, the one the seed's data ends with.
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);

  let baseline: { size: number; p50: number; raw: number } | null = null;
  for (const size of sizes) {
    const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
    console.log(`  fees at scale: seeding ${label} administrations`);
    const started = performance.now();
    await seed(info, size);
    const seedSeconds = (performance.now() - started) / 1000;
    const m = await measure(info, headers, month, monthEnd);
    const ratio = (value: number, base: number | undefined) => (baseline && base !== undefined ? { baseline: round(base), ratio: round(value / base, 2) } : {});
    const [{ n: ledgerRows } = { n: 0 }] = await sqlRows<{ n: number }>(info.ownerDatabaseUrl, 'select count(*)::int as n from billing.treatment');
    results.push({ name: `fees: scale seed of ${label} administrations (COPY, ${ledgerRows} ledger rows in all)`, unit: 's', value: round(seedSeconds) });
    results.push({ name: `fees: monthly fee report, ${m.clients} clients, p50 through the gateway (${label})`, unit: 'ms', value: round(m.p50), ...ratio(m.p50, baseline?.p50) });
    results.push({ name: `fees: monthly fee report, ${m.clients} clients, p95 through the gateway (${label})`, unit: 'ms', value: round(m.p95) });
    results.push({ name: `fees: the same report with each row's drill-down by site and service line, p50 through the gateway (${label})`, unit: 'ms', value: round(m.drillDownP50) });
    results.push({ name: `fees: raw SQL aggregate over the ledgers, same month (${label}; equal to the cent)`, unit: 'ms', value: round(m.raw), ...ratio(m.raw, baseline?.raw) });
    results.push({ name: `fees: fee report SQL statements per request in billing (${label})`, unit: 'statements', value: m.statements });
    results.push({ name: `fees: ${month.slice(0, 7)} totals checked (${label}): ${m.treatments} treatments, collections ${Number(m.collections) / 100}, fees ${Number(m.fees) / 100}`, unit: 'clients', value: m.clients });
    if (!baseline) baseline = { size, p50: m.p50, raw: m.raw };
  }
}
