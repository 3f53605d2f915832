import { once } from 'node:events';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { THERAPY_CLASSES } from '../fees/fee.rules';

/**
 * The scale seed behind `npm run seed:scale`: 200 clients with 3 sites each and, by default, 3
 * million administrations over the 3 years before this month, written into billing's ledgers and
 * daily rollups with PostgreSQL COPY (the monthly rollups follow by the daily rollups' triggers).
 *
 * The clients exist only in billing: facilities does not know them. Nothing a fee report needs
 * lives outside billing (volumes, collections, contracts and covered sites are billing's own;
 * chairs are asked of facilities only for a per-chair fee, which no scale contract has), so the
 * report works for them, and the seed does not have to write into another subgraph's tables.
 *
 * The rollups are counted here, row by row, the way the incremental path adds them (one per
 * treatment, each collection's amount), not derived from the ledger afterwards by SQL: the test
 * that compares them with an aggregate over the ledger then checks something.
 *
 * Deterministic (a seeded generator and ids made from counters), and rerunnable: it first removes
 * what an earlier run wrote (every row of its clients), so 300k and 3M can follow each other.
 */

export interface ScaleOptions {
  administrations: number;
  clients?: number;
  sitesPerClient?: number;
  /** Months of activity, ending with the last full month before `today`. */
  months?: number;
  today?: string;
  seed?: number;
}

export interface ScaleResult {
  clients: string[];
  sites: number;
  administrations: number;
  collections: number;
  from: string;
  to: string;
  seconds: number;
}

/** Ids of the scale data: a fixed prefix per kind and a counter, so a rerun finds (and replaces) its rows. */
const PREFIX = { client: '5ca1e000', site: '5ca1e001', contract: '5ca1e002', schedule: '5ca1e003', tier: '5ca1e004', percentTier: '5ca1e005', contractSite: '5ca1e006', treatment: '5ca1e010', event: '5ca1e011', appointment: '5ca1e012', order: '5ca1e013', patient: '5ca1e014', product: '5ca1e015', collection: '5ca1e020' } as const;
const idOf = (kind: keyof typeof PREFIX, n: number) => `${PREFIX[kind]}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The scale clients' ids (the first `count`). */
export const scaleClientIds = (count = 200) => Array.from({ length: count }, (_, i) => idOf('client', i + 1));

/** mulberry32: small, fast and good enough to spread synthetic activity. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Billing's tables a scale client has rows in, children first (the order rows are removed in). */
const TABLES = ['fee_invoice_line', 'fee_invoice', 'treatment', 'treatment_day', 'treatment_month', 'collection', 'collection_day', 'collection_month', 'contract_site', 'fee_percent_tier', 'fee_tier', 'fee_schedule', 'management_contract'];

/**
 * The contracts, one per client, cycling through the shapes the engine prices: graduated and
 * volume tiers (with class-specific tiers, per-site tiers, a flat fee per site, minimum and cap),
 * flat and tiered percentage of collections (with a floor), flat per site, fixed annual fee billed
 * quarterly. Every tenth client's schedule is amended on the 15th of a month a year back, so a
 * report over that month prices it in parts from the daily rollups.
 */
async function writeContracts(db: pg.Client, clients: string[], sitesPerClient: number, from: string, amendOn: string): Promise<void> {
  let tier = 0;
  let percentTier = 0;
  let schedule = 0;
  const contracts: unknown[][] = [];
  const sites: unknown[][] = [];
  const schedules: unknown[][] = [];
  const tiers: unknown[][] = [];
  const percentTiers: unknown[][] = [];
  const addTiers = (clientId: string, scheduleId: string, bands: [number, number | null, string, string | null][]) => {
    for (const [lo, hi, fee, therapyClass] of bands) tiers.push([clientId, idOf('tier', ++tier), scheduleId, lo, hi, fee, therapyClass]);
  };
  clients.forEach((clientId, i) => {
    const contractId = idOf('contract', i + 1);
    const shape = i % 7;
    contracts.push([clientId, contractId, `Scale contract ${String(i + 1).padStart(3, '0')}`, from, shape === 6 ? 'QUARTERLY' : 'MONTHLY']);
    for (let s = 0; s < sitesPerClient; s++) sites.push([clientId, idOf('contractSite', i * sitesPerClient + s + 1), contractId, idOf('site', i * sitesPerClient + s + 1), from]);
    const versions = i % 10 === 0 ? [from, amendOn] : [from];
    versions.forEach((effectiveFrom, v) => {
      const scheduleId = idOf('schedule', ++schedule);
      const raise = v === 0 ? 1 : 1.05;
      const price = (amount: number) => (amount * raise).toFixed(2);
      // [basis, percent, minimum, cap, flat per site, fixed annual, floor, tiers per site]
      const row = (basis: string, extra: Partial<Record<'percent' | 'min' | 'cap' | 'flat' | 'annual' | 'floor', string>> = {}, perSite = false) =>
        schedules.push([clientId, scheduleId, contractId, effectiveFrom, basis, extra.percent ?? null, extra.min ?? null, extra.cap ?? null, extra.flat ?? null, extra.annual ?? null, extra.floor ?? null, perSite]);
      switch (shape) {
        case 0:
          row('PER_TREATMENT_GRADUATED', { min: price(20_000), cap: price(400_000) });
          addTiers(clientId, scheduleId, [[1, 300, price(85), null], [301, 600, price(70), null], [601, null, price(60), null]]);
          break;
        case 1:
          row('PER_TREATMENT_VOLUME', { flat: price(1_500) });
          addTiers(clientId, scheduleId, [[1, 400, price(80), null], [401, null, price(65), null], [1, 150, price(140), 'ONCOLOGY'], [151, null, price(120), 'ONCOLOGY']]);
          break;
        case 2:
          row('PERCENT_OF_COLLECTIONS', { percent: '8.00', min: price(15_000), cap: price(250_000) });
          break;
        case 3:
          row('PERCENT_OF_COLLECTIONS', { floor: price(10_000) });
          percentTiers.push([clientId, idOf('percentTier', ++percentTier), scheduleId, price(150_000), '6.00'], [clientId, idOf('percentTier', ++percentTier), scheduleId, null, '9.00']);
          break;
        case 4:
          row('FLAT_PER_SITE', { flat: price(12_000) });
          break;
        case 5:
          row('PER_TREATMENT_GRADUATED', { min: price(8_000), cap: price(60_000) }, true);
          addTiers(clientId, scheduleId, [[1, 100, price(90), null], [101, null, price(75), null]]);
          break;
        default:
          row('FIXED_COMPONENTS', { annual: price(240_000), min: price(5_000) });
      }
    });
  });
  const insert = async (table: string, columns: string, rows: unknown[][]) => {
    if (rows.length === 0) return;
    const width = rows[0]!.length;
    const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    await db.query(`insert into billing.${table} (${columns}) values ${values}`, rows.flat());
  };
  await insert('management_contract', 'client_id, id, name, effective_from, billing_period, services', contracts.map((c) => [...c, '{STAFFING,REVENUE_CYCLE}']));
  await insert('contract_site', 'client_id, id, contract_id, site_id, covered_from', sites);
  await insert('fee_schedule', 'client_id, id, contract_id, effective_from, basis, percent, monthly_minimum, monthly_cap, flat_per_site_monthly, fixed_annual_fee, collections_floor, tiers_per_site', schedules);
  await insert('fee_tier', 'client_id, id, fee_schedule_id, from_treatments, to_treatments, fee_per_treatment, therapy_class', tiers);
  await insert('fee_percent_tier', 'client_id, id, fee_schedule_id, up_to_collections, percent', percentTiers);
}

async function removeRows(db: pg.Client, clients: string[]): Promise<void> {
  for (const table of TABLES) await db.query(`delete from billing.${table} where client_id = any($1::uuid[])`, [clients]);
}

/** Removes everything a scale seed wrote (`seed-scale --remove`). */
export async function removeScale(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin');
    await removeRows(db, scaleClientIds());
    await db.query('commit');
  } finally {
    await db.end();
  }
}

/** Writes `chunk` to a COPY stream, waiting when PostgreSQL is behind (backpressure). */
async function write(stream: Writable, chunk: string): Promise<void> {
  // `once` rejects on 'error' and removes both listeners either way.
  if (chunk && !stream.write(chunk)) await once(stream, 'drain');
}

export async function seedScale(databaseUrl: string, options: ScaleOptions, progress: (done: number, total: number) => void = () => undefined): Promise<ScaleResult> {
  const started = performance.now();
  const clientCount = options.clients ?? 200;
  const sitesPerClient = options.sitesPerClient ?? 3;
  const monthCount = options.months ?? 36;
  const total = options.administrations;
  if (!Number.isInteger(total) || total < 1) throw new Error('administrations must be a whole number above 0');
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const thisMonth = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 1);
  const toMs = thisMonth - DAY_MS;
  const fromDate = new Date(thisMonth);
  fromDate.setUTCMonth(fromDate.getUTCMonth() - monthCount);
  const fromMs = fromDate.getTime();
  const amend = new Date(thisMonth);
  amend.setUTCMonth(amend.getUTCMonth() - 12);
  amend.setUTCDate(15);
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  const random = generator(options.seed ?? 42);

  const clients = scaleClientIds(clientCount);
  const siteCount = clientCount * sitesPerClient;
  const siteIds = Array.from({ length: siteCount }, (_, s) => idOf('site', s + 1));
  const clientOfSite = (s: number) => clients[Math.floor(s / sitesPerClient)]!;
  // Sites differ in size (weights 1 to 3), so clients do too and tiers are reached at different points.
  const cumulative: number[] = [];
  let weight = 0;
  for (let s = 0; s < siteCount; s++) {
    weight += 1 + 2 * random();
    cumulative.push(weight);
  }
  const pickSite = () => {
    const x = random() * cumulative.at(-1)!;
    let lo = 0;
    let hi = siteCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pickClass = () => {
    const x = random();
    return x < 0.5 ? 0 : x < 0.85 ? 1 : 2;
  };

  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  };
  const admin = await connect();
  const streams: { db: pg.Client; table: string; stream: Writable; done: Promise<void> }[] = [];
  try {
    await admin.query('begin');
    await removeRows(admin, clients);
    await writeContracts(admin, clients, sitesPerClient, dateOf(fromMs), dateOf(amend.getTime()));
    await admin.query('commit');

    const open = async (table: string, columns: string) => {
      const db = await connect();
      await db.query('begin');
      const stream = db.query(copyFrom(`copy billing.${table} (${columns}) from stdin`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      const entry = { db, table, stream, done };
      streams.push(entry);
      return stream;
    };
    const treatments = await open('treatment', 'client_id, id, site_id, service_date, therapy_class, line_kind, indication_family, patient_id, order_id, product_id, appointment_id, completed_at, event_id');
    const treatmentDays = await open('treatment_day', 'client_id, site_id, service_date, therapy_class, treatments');
    const collections = await open('collection', 'client_id, id, site_id, received_on, amount, source, reference');
    const collectionDays = await open('collection_day', 'client_id, site_id, received_on, amount');

    const totalCollections = Math.max(1, Math.round(total / 6));
    const lineKinds = ['THERAPEUTIC', 'THERAPEUTIC', 'HYDRATION'] as const;
    const families = ['ONCOLOGY', 'NON_ONCOLOGY', 'NON_ONCOLOGY'] as const;
    const perDay = new Int32Array(siteCount * THERAPY_CLASSES.length);
    const centsPerDay = new Float64Array(siteCount);
    let written = 0;
    let collected = 0;
    let lastShown = 0;
    for (let d = 0; d < days; d++) {
      const date = dateOf(fromMs + d * DAY_MS);
      const count = Math.floor((total * (d + 1)) / days) - Math.floor((total * d) / days);
      perDay.fill(0);
      let rows = '';
      for (let n = 0; n < count; n++) {
        const s = pickSite();
        const c = pickClass();
        perDay[s * THERAPY_CLASSES.length + c]!++;
        const i = ++written;
        const minute = Math.floor(random() * 600);
        const at = `${date}T${String(13 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z`;
        // For a class the class decides: hydration is HYDRATION whatever the family, else the family.
        const lineKind = lineKinds[c]!;
        const family = c === 2 ? families[Math.floor(random() * 2)]! : families[c]!;
        rows += `${clientOfSite(s)}\t${idOf('treatment', i)}\t${siteIds[s]}\t${date}\t${THERAPY_CLASSES[c]}\t${lineKind}\t${family}\t${idOf('patient', s * 40 + (i % 40) + 1)}\t${idOf('order', i)}\t${idOf('product', (i % 25) + 1)}\t${idOf('appointment', i)}\t${at}\t${idOf('event', i)}\n`;
      }
      await write(treatments, rows);
      let dayRows = '';
      for (let k = 0; k < perDay.length; k++) {
        if (perDay[k]! === 0) continue;
        const s = Math.floor(k / THERAPY_CLASSES.length);
        dayRows += `${clientOfSite(s)}\t${siteIds[s]}\t${date}\t${THERAPY_CLASSES[k % THERAPY_CLASSES.length]}\t${perDay[k]}\n`;
      }
      await write(treatmentDays, dayRows);

      centsPerDay.fill(0);
      const collectionCount = Math.floor((totalCollections * (d + 1)) / days) - Math.floor((totalCollections * d) / days);
      let collectionRows = '';
      for (let n = 0; n < collectionCount; n++) {
        const s = pickSite();
        const cents = 20_000 + Math.floor(random() * 280_000);
        centsPerDay[s]! += cents;
        const i = ++collected;
        collectionRows += `${clientOfSite(s)}\t${idOf('collection', i)}\t${siteIds[s]}\t${date}\t${(cents / 100).toFixed(2)}\tREMITTANCE\tSCALE-${i}\n`;
      }
      await write(collections, collectionRows);
      let collectionDayRows = '';
      for (let s = 0; s < siteCount; s++) {
        if (centsPerDay[s]! > 0) collectionDayRows += `${clientOfSite(s)}\t${siteIds[s]}\t${date}\t${(centsPerDay[s]! / 100).toFixed(2)}\n`;
      }
      await write(collectionDays, collectionDayRows);
      if (written - lastShown >= total / 200 || d === days - 1) {
        lastShown = written;
        progress(written, total);
      }
    }
    for (const s of streams) s.stream.end();
    await Promise.all(streams.map((s) => s.done));
    for (const s of streams) await s.db.query('commit');
    // As after any bulk load: statistics for the planner, and the visibility map set, so reports
    // read the monthly rollups from their index alone and autovacuum does not start on millions
    // of fresh rows in the middle of whatever runs next.
    for (const table of ['treatment', 'treatment_day', 'treatment_month', 'collection', 'collection_day', 'collection_month']) await admin.query(`vacuum analyze billing.${table}`);
    return { clients, sites: siteCount, administrations: written, collections: collected, from: dateOf(fromMs), to: dateOf(toMs), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await Promise.all(streams.map((s) => s.db.query('rollback').catch(() => undefined)));
    throw error;
  } finally {
    await Promise.all([admin, ...streams.map((s) => s.db)].map((db) => db.end().catch(() => undefined)));
  }
}

/** `seed-scale [--administrations N] | --remove`: the command, with a progress bar on stderr. */
export async function seedScaleCommand(argv: string[]): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL must name the database (the owner role: COPY writes every client’s rows)');
  if (argv.includes('--remove')) {
    await removeScale(databaseUrl);
    process.stderr.write('removed the scale clients’ rows\n');
    return;
  }
  const at = argv.indexOf('--administrations');
  const administrations = at >= 0 ? Number(argv[at + 1]?.replace(/_/g, '')) : 3_000_000;
  if (!Number.isInteger(administrations) || administrations < 1) throw new Error('--administrations takes a whole number, e.g. 300000');
  const started = performance.now();
  let shown = 0;
  const bar = (done: number, total: number) => {
    // A redraw at most every half second, and the last one.
    if (done < total && performance.now() - shown < 500) return;
    shown = performance.now();
    const width = 30;
    const filled = Math.round((done / total) * width);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stderr.write(`\r  administrations [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${seconds} s `);
  };
  const result = await seedScale(databaseUrl, { administrations, seed: Number(process.env.SEED ?? 42) }, bar);
  process.stderr.write('\n');
  process.stderr.write(
    `seeded ${result.clients.length} clients, ${result.sites} sites, ${result.administrations.toLocaleString('en-US')} administrations and ${result.collections.toLocaleString('en-US')} collections from ${result.from} to ${result.to} in ${result.seconds.toFixed(0)} s\n`,
  );
}
