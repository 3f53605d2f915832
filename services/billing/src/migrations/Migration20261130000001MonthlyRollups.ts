import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Monthly rollups of the daily ones, so a fee report reads a number of rows that depends on
 * clients, sites and months only, never on how many treatments the ledger holds (at 3 million
 * administrations the daily rollup of one month is ~50,000 rows; its monthly rollup is ~1,800).
 *
 * The database keeps them: statement-level triggers on the daily rollups add each statement's
 * change (new minus old, summed per month) in the same statement, so every writer of a daily
 * rollup — the AdministrationCompleted handler, posted and imported collections, the scale seed's
 * COPY — keeps the monthly one equal without knowing it exists.
 */
export class Migration20261130000001MonthlyRollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.treatment_month (
        client_id uuid not null,
        site_id uuid not null,
        month date not null check (extract(day from month) = 1),
        therapy_class text not null,
        -- No check of the sign: a removal arrives as a negative insert merged by ON CONFLICT, and
        -- PostgreSQL checks the proposed row before the merge. The daily rollup holds the check.
        treatments integer not null,
        primary key (client_id, month, site_id, therapy_class)
      )`);
    this.addSql(`
      create table billing.collection_month (
        client_id uuid not null,
        site_id uuid not null,
        month date not null check (extract(day from month) = 1),
        amount numeric(16, 2) not null,
        primary key (client_id, month, site_id)
      )`);
    for (const table of ['treatment_month', 'collection_month']) {
      for (const sql of rowLevelSecuritySql(`billing.${table}`, { client: 'client_id', site: 'site_id' })) this.addSql(sql);
    }

    // One function per rollup for all three events. PL/pgSQL plans a statement when it first runs
    // it, so each branch names only the transition tables its trigger declares.
    const rollups = [
      { day: 'treatment_day', month: 'treatment_month', date: 'service_date', keys: 'client_id, site_id, month, therapy_class', value: 'treatments', conflict: 'client_id, month, site_id, therapy_class' },
      { day: 'collection_day', month: 'collection_month', date: 'received_on', keys: 'client_id, site_id, month', value: 'amount', conflict: 'client_id, month, site_id' },
    ];
    for (const r of rollups) {
      const columns = r.keys.replace('month', `date_trunc('month', ${r.date})::date as month`);
      const add = (rows: string) => `
          insert into billing.${r.month} (${r.keys}, ${r.value})
          select ${r.keys}, sum(${r.value}) from (${rows}) changed
          group by ${r.keys}
          having sum(${r.value}) <> 0
          on conflict (${r.conflict}) do update set ${r.value} = billing.${r.month}.${r.value} + excluded.${r.value};`;
      this.addSql(`
        create function billing.roll_${r.month}() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then${add(`select ${columns}, ${r.value} from new_rows`)}
          elsif tg_op = 'UPDATE' then${add(`select ${columns}, ${r.value} from new_rows union all select ${columns}, -${r.value} as ${r.value} from old_rows`)}
          else${add(`select ${columns}, -${r.value} as ${r.value} from old_rows`)}
          end if;
          return null;
        end $$`);
      this.addSql(`create trigger ${r.day}_roll_insert after insert on billing.${r.day} referencing new table as new_rows for each statement execute function billing.roll_${r.month}()`);
      this.addSql(
        `create trigger ${r.day}_roll_update after update on billing.${r.day} referencing old table as old_rows new table as new_rows for each statement execute function billing.roll_${r.month}()`,
      );
      this.addSql(`create trigger ${r.day}_roll_delete after delete on billing.${r.day} referencing old table as old_rows for each statement execute function billing.roll_${r.month}()`);
      // What the daily rollup already holds.
      this.addSql(`insert into billing.${r.month} (${r.keys}, ${r.value}) select ${columns.replace(' as month', '')}, sum(${r.value}) from billing.${r.day} group by 1, 2, 3${r.keys.includes('therapy_class') ? ', 4' : ''}`);
    }
  }
}
