import { SUBGRAPHS } from '@infusion/devstack';
import pg from 'pg';

/**
 * What the hostile suite reads straight from PostgreSQL as the owner (bypassing every filter):
 * which client and which site each row belongs to, and a checksum of every application table to
 * prove that a refused mutation changed nothing.
 */

/** The subgraphs' schemas; the audit trail (audit.*) is written by reads too, so it is left out. */
const APPLICATION_SCHEMAS = SUBGRAPHS.map((s) => s.name);

/** Tables that record use, not data: sessions and the sign-in throttle's attempts are written by every sign-in. */
const BOOKKEEPING_TABLES = new Set(['identity.session', 'identity.sign_in_attempt']);

/**
 * Columns that reads legitimately touch (a key's or user's last use, sign-in counters) or that
 * change only together with a real column (`updated_at`).
 */
const BOOKKEEPING_COLUMNS = new Set(['updated_at', 'last_used_at', 'last_seen_at', 'last_sign_in_at', 'failed_sign_ins', 'locked_until']);

export async function ownerConnection(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

interface Table {
  name: string;
  columns: string[];
}

async function applicationTables(db: pg.Client): Promise<Table[]> {
  const { rows } = await db.query<{ table: string; columns: string[] }>(
    `select c.table_schema || '.' || c.table_name as table, array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = any($1)
      group by 1 order by 1`,
    [APPLICATION_SCHEMAS],
  );
  return rows.map((r) => ({ name: r.table, columns: r.columns }));
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const qualified = (table: string) => table.split('.').map(quote).join('.');

/** Who owns each row: its client(s) and, for rows that belong to a site, that site. */
export interface Ownership {
  /** Row id → the clients it belongs to (one for tenant rows; an ops user's client list). */
  clients: Map<string, string[]>;
  /** Row id → the site it belongs to: its own `site_id`, or that of the row it hangs off. */
  site: Map<string, string>;
  /** Row id → `schema.table`, to say what leaked. */
  table: Map<string, string>;
  clientIds: string[];
  siteIds: Map<string, string>;
}

/**
 * Reads every row id of every application table with its client and site. A row without a
 * `site_id` inherits the site of the row it references through a `<name>_id` column naming
 * another table (`coverage.patient_id` → `patient`), so site limits are checked on the rows that
 * hang off a site-bound row too (a coverage of a patient at another site is that site's data).
 */
export async function readOwnership(db: pg.Client): Promise<Ownership> {
  const tables = await applicationTables(db);
  const ownership: Ownership = { clients: new Map(), site: new Map(), table: new Map(), clientIds: [], siteIds: new Map() };
  const byName = new Map<string, Table[]>();
  for (const table of tables) {
    const short = table.name.split('.')[1]!;
    byName.set(short, [...(byName.get(short) ?? []), table]);
  }
  const references: { id: string; targets: string[] }[] = [];
  for (const table of tables) {
    if (!table.columns.includes('id')) continue;
    const short = table.name.split('.')[1]!;
    const clientColumn = short === 'client' ? 'id' : table.columns.includes('client_id') ? 'client_id' : table.columns.includes('client_ids') ? 'client_ids' : undefined;
    const siteColumn = short === 'site' ? 'id' : table.columns.includes('site_id') ? 'site_id' : undefined;
    const referenceColumns = table.columns.filter((c) => c !== 'client_id' && c !== 'site_id' && c.endsWith('_id') && byName.has(c.slice(0, -3)));
    const select = ['id', clientColumn, siteColumn, ...referenceColumns].filter(Boolean).map((c) => `${quote(c!)}::text as ${quote(c!)}`);
    const { rows } = await db.query<Record<string, string | null>>(`select ${select.join(', ')} from ${qualified(table.name)}`);
    for (const row of rows) {
      const id = row.id!;
      ownership.table.set(id, table.name);
      const client = clientColumn ? row[clientColumn] : null;
      if (client) ownership.clients.set(id, client.startsWith('{') ? client.slice(1, -1).split(',').filter(Boolean) : [client]);
      if (short === 'client') ownership.clientIds.push(id);
      if (short === 'site') ownership.siteIds.set(id, row.client_id!);
      const site = siteColumn ? row[siteColumn] : null;
      if (site) ownership.site.set(id, site);
      else if (referenceColumns.length) references.push({ id, targets: referenceColumns.map((c) => row[c]).filter((v): v is string => !!v) });
    }
  }
  // Inherit sites along references until nothing changes (chains are short: administration → appointment).
  for (let changed = true; changed; ) {
    changed = false;
    for (const { id, targets } of references) {
      if (ownership.site.has(id)) continue;
      const site = targets.map((t) => ownership.site.get(t)).find(Boolean);
      if (site) {
        ownership.site.set(id, site);
        changed = true;
      }
    }
  }
  return ownership;
}

/** A checksum per table and owning client: which client's data a change touched. */
export type Checksums = Map<string, string>;

/**
 * A checksum of every application table, per owning client (`client_id`, an ops user's
 * `client_ids`, or `-` for shared rows): the row count and the sum of the rows' `xmin` (the
 * transaction that wrote each row version), so any insert, update or delete shows. Tables whose
 * rows reads touch (a key's last use) are summed over hashes of their other columns instead.
 * One statement: it runs after every probed mutation.
 */
export async function checksums(db: pg.Client): Promise<Checksums> {
  let sql = checksumSql.get(db);
  if (!sql) {
    sql = await buildChecksumSql(db);
    checksumSql.set(db, sql);
  }
  const { rows } = await db.query<{ tbl: string; owner: string | null; sum: string }>(sql);
  return new Map(rows.map((r) => [`${r.tbl} [${r.owner ?? 'no client'}]`, r.sum]));
}

const checksumSql = new WeakMap<pg.Client, string>();

async function buildChecksumSql(db: pg.Client): Promise<string> {
  const parts: string[] = [];
  for (const table of await applicationTables(db)) {
    if (BOOKKEEPING_TABLES.has(table.name) || table.name.endsWith('_migrations')) continue;
    const columns = table.columns.filter((c) => !BOOKKEEPING_COLUMNS.has(c));
    const short = table.name.split('.')[1]!;
    const owner = short === 'client' ? 'id::text' : table.columns.includes('client_id') ? 'client_id::text' : table.columns.includes('client_ids') ? `coalesce(client_ids::text, 'unrestricted')` : `'-'`;
    const touchedByReads = table.columns.some((c) => BOOKKEEPING_COLUMNS.has(c) && c !== 'updated_at');
    const version = touchedByReads ? `('x' || substr(md5(row(${columns.map(quote).join(', ')})::text), 1, 15))::bit(60)::bigint` : 'xmin::text::bigint';
    parts.push(`select '${table.name}' as tbl, ${owner} as owner, count(*)::text || ':' || sum(${version})::text as sum from ${qualified(table.name)} group by 2`);
  }
  return parts.join('\nunion all\n');
}

/** The table/owner groups whose checksum differs. */
export function changedGroups(before: Checksums, after: Checksums): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
