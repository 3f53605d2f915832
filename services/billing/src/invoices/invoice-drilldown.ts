import type { Connection, RequestContext } from '@infusion/subgraph-kit';
import { Collection } from '../ledger/collection.entity';
import { BillableTreatment } from '../ledger/treatment.entity';
import { FeeInvoice, type FeeInvoiceLine } from './invoice.entity';

/**
 * The treatments a tier line priced: the month's treatments of the line's group (its classes,
 * its site or the contract's covered sites on the day) numbered in service order from the first
 * day the contract was in force that month, positions `ordinalFirst`–`ordinalLast`. The same
 * order the engine counted in, so a line of 50 treatments lists exactly 50.
 */
export async function countedTreatments(
  ctx: RequestContext,
  line: FeeInvoiceLine,
  first: number,
  after: number,
  cursor: (ordinal: number, id: string) => string,
): Promise<Connection<BillableTreatment>> {
  const empty = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  const invoice = await ctx.loaders.byId(FeeInvoice).load(line.invoiceId);
  if (!invoice) return empty;
  if (line.adjustsInvoiceId) return lateTreatments(ctx, line, invoice, first, after, cursor);
  if (line.ordinalFirst === null || line.ordinalLast === null) return empty;
  const from = Math.max(line.ordinalFirst, after + 1);
  const rows = await ctx.em.execute<{ id: string; ordinal: number }[]>(
    `select id, ordinal from (
       select t.id, row_number() over (order by t.service_date, t.completed_at, t.id) as ordinal
         from billing.treatment t
         join billing.contract_site cs on cs.client_id = t.client_id and cs.contract_id = ? and cs.site_id = t.site_id
          and t.service_date >= cs.covered_from and (cs.covered_to is null or t.service_date <= cs.covered_to)
        where t.client_id = ? and t.service_date between ? and ?
          and (?::uuid is null or t.site_id = ?::uuid)
          and (?::text[] is null or t.therapy_class = any(?::text[]))
     ) numbered
     where ordinal between ? and ?
     order by ordinal
     limit ?`,
    [
      invoice.contractId,
      invoice.clientId,
      line.countedFrom,
      line.lineTo,
      line.tierSiteId,
      line.tierSiteId,
      line.classes ? `{${line.classes.join(',')}}` : null,
      line.classes ? `{${line.classes.join(',')}}` : null,
      from,
      line.ordinalLast,
      first + 1,
    ],
  );
  return page(ctx, BillableTreatment, rows, first, cursor);
}

/**
 * The treatments behind an ADJUSTMENT line: those of the adjusted invoice's period, at a covered
 * site, that reached the ledger after that invoice was issued and before this one was.
 */
async function lateTreatments(
  ctx: RequestContext,
  line: FeeInvoiceLine,
  invoice: FeeInvoice,
  first: number,
  after: number,
  cursor: (ordinal: number, id: string) => string,
): Promise<Connection<BillableTreatment>> {
  const adjusted = await ctx.loaders.byId(FeeInvoice).load(line.adjustsInvoiceId!);
  if (!adjusted) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  const rows = await ctx.em.execute<{ id: string; ordinal: number }[]>(
    `select id, ordinal from (
       select t.id, row_number() over (order by t.created_at, t.id) as ordinal
         from billing.treatment t
         join billing.contract_site cs on cs.client_id = t.client_id and cs.contract_id = ? and cs.site_id = t.site_id
          and t.service_date >= cs.covered_from and (cs.covered_to is null or t.service_date <= cs.covered_to)
        where t.client_id = ? and t.service_date between ? and ? and t.created_at > ? and t.created_at <= ?
     ) numbered
     where ordinal > ?
     order by ordinal
     limit ?`,
    [invoice.contractId, invoice.clientId, line.lineFrom, line.lineTo, adjusted.issuedAt, invoice.issuedAt, after, first + 1],
  );
  return page(ctx, BillableTreatment, rows, first, cursor);
}

/** Lines priced on collections: what they drill down to is collections, not treatments. */
export const COLLECTION_LINE_KINDS = ['PERCENT_OF_COLLECTIONS', 'COLLECTIONS_FLOOR'];

/**
 * The collections a percentage-of-collections line counted: those received in the line's days
 * (its month, or the part of it one schedule version priced) at a site the contract covered on
 * the day, in the order received (day, then id). They add up to the line's collections.
 */
export async function countedCollections(
  ctx: RequestContext,
  line: FeeInvoiceLine,
  first: number,
  after: number,
  cursor: (ordinal: number, id: string) => string,
): Promise<Connection<Collection>> {
  const empty = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  if (!COLLECTION_LINE_KINDS.includes(line.kind) || line.collections === null) return empty;
  const invoice = await ctx.loaders.byId(FeeInvoice).load(line.invoiceId);
  if (!invoice) return empty;
  const rows = await ctx.em.execute<{ id: string; ordinal: number }[]>(
    `select id, ordinal from (
       select c.id, row_number() over (order by c.received_on, c.id) as ordinal
         from billing.collection c
         join billing.contract_site cs on cs.client_id = c.client_id and cs.contract_id = ? and cs.site_id = c.site_id
          and c.received_on >= cs.covered_from and (cs.covered_to is null or c.received_on <= cs.covered_to)
        where c.client_id = ? and c.received_on between ? and ?
     ) numbered
     where ordinal > ?
     order by ordinal
     limit ?`,
    [invoice.contractId, invoice.clientId, line.lineFrom, line.lineTo, after, first + 1],
  );
  return page(ctx, Collection, rows, first, cursor);
}

async function page<T extends BillableTreatment | Collection>(
  ctx: RequestContext,
  entity: new () => T,
  rows: { id: string; ordinal: number }[],
  first: number,
  cursor: (ordinal: number, id: string) => string,
): Promise<Connection<T>> {
  const shown = rows.slice(0, first);
  const found = (await ctx.em.find(entity, { id: { $in: shown.map((r) => r.id) } } as never)) as T[];
  const byId = new Map(found.map((t) => [t.id, t]));
  const edges = shown.map((r) => ({ cursor: cursor(Number(r.ordinal), r.id), node: byId.get(r.id)! })).filter((e) => e.node);
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
