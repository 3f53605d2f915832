import { randomUUID } from 'node:crypto';
import { AppError, badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@infusion/subgraph-kit';
import { formatHundredths, toHundredths } from '../fees/decimal';
import { Collection } from './collection.entity';
import type { PostCollectionInput } from './collection.input';
import { CollectionRowError, checkAmount, checkReceivedOn, parseCollectionsCsv, type CollectionRow } from './collection.rules';

const today = () => new Date().toISOString().slice(0, 10);

@ObjectType({ description: 'What one CSV import of collections added to the ledger.' })
export class CollectionImport {
  @Field(() => ID, { description: 'The import; every collection it added carries it.' })
  id!: string;

  @Field(() => Int, { description: 'Rows imported (all of the file, or none).' })
  rows!: number;

  @Field(() => Money, { description: 'Sum of the amounts imported.' })
  total!: Money;
}

/**
 * Adds the collections chosen by `where` to the daily rollup, in the same transaction as the
 * ledger rows themselves (one statement, summed per client, site and day).
 */
async function rollUp(ctx: RequestContext, where: string, param: string): Promise<void> {
  await ctx.em.execute(
    `insert into billing.collection_day (client_id, site_id, received_on, amount)
     select client_id, site_id, received_on, sum(amount) from billing.collection where ${where} = ? group by client_id, site_id, received_on
     on conflict (client_id, site_id, received_on) do update set amount = billing.collection_day.amount + excluded.amount`,
    [param],
  );
}

/** The sites' clients, asked of facilities as the caller; a site the caller may not see is NOT_FOUND naming the argument. */
async function clientsOfSites(ctx: RequestContext, siteIds: string[], argument: string, lineOf?: (siteId: string) => number): Promise<Map<string, string>> {
  const sites = await ctx.graph.entities<{ id: string; clientId: string }>('facilities', 'Site', siteIds, 'clientId');
  const clients = new Map<string, string>();
  sites.forEach((site, index) => {
    const id = siteIds[index]!;
    if (!site) {
      const line = lineOf?.(id);
      throw new AppError('NOT_FOUND', `${line ? `Line ${line}: ` : ''}Site ${id} was not found`, { type: 'Site', id, argument, ...(line ? { line } : {}) });
    }
    clients.set(id, site.clientId);
  });
  return clients;
}

export async function postCollection(ctx: RequestContext, input: PostCollectionInput): Promise<Collection> {
  // The site first: an id the caller may not use answers NOT_FOUND whatever else is wrong.
  if (!isUuid(input.siteId)) throw badInput('`input.siteId` is not a valid id', { argument: 'input.siteId' });
  const clients = await clientsOfSites(ctx, [input.siteId], 'input.siteId');
  const dateProblem = checkReceivedOn(input.receivedOn, today());
  if (dateProblem) throw badInput(dateProblem.replace('received_on', 'receivedOn'), { argument: 'input.receivedOn' });
  const amount = checkAmount(input.amount);
  if ('error' in amount) throw badInput(amount.error, { argument: 'input.amount' });
  const reference = input.reference?.trim() || null;

  const collection = ctx.em.create(Collection, {
    clientId: clients.get(input.siteId)!,
    siteId: input.siteId,
    receivedOn: input.receivedOn,
    amount: amount.amount,
    source: 'MANUAL',
    reference,
  });
  await ctx.em.flush();
  await rollUp(ctx, 'id', collection.id);
  return collection;
}

/**
 * Imports a CSV of collections, all or nothing: every row is checked (shape, date, amount, and
 * its site through facilities as the caller) before any is written, and the rows and their
 * rollup are written in the operation's one transaction.
 */
export async function importCollections(ctx: RequestContext, csv: string): Promise<CollectionImport> {
  let rows: CollectionRow[];
  try {
    rows = parseCollectionsCsv(csv, today());
  } catch (error) {
    if (error instanceof CollectionRowError) throw badInput(error.message, { argument: 'csv', ...(error.line ? { line: error.line } : {}) });
    throw error;
  }
  const siteIds = [...new Set(rows.map((r) => r.siteId))];
  const clients = await clientsOfSites(ctx, siteIds, 'csv', (siteId) => rows.find((r) => r.siteId === siteId)!.line);

  const importId = randomUUID();
  for (const row of rows) {
    ctx.em.create(Collection, {
      clientId: clients.get(row.siteId)!,
      siteId: row.siteId,
      receivedOn: row.receivedOn,
      amount: row.amount,
      source: 'CSV_IMPORT',
      reference: row.reference,
      importId,
    });
  }
  await ctx.em.flush();
  await rollUp(ctx, 'import_id', importId);
  const total = rows.reduce((sum, r) => sum + toHundredths(r.amount), 0n);
  return Object.assign(new CollectionImport(), { id: importId, rows: rows.length, total: Money.usd(formatHundredths(total)) });
}
