import type { Connection, RequestContext } from '@infusion/subgraph-kit';
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
  return page(ctx, rows, first, cursor);
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
  return page(ctx, rows, first, cursor);
}

async function page(ctx: RequestContext, rows: { id: string; ordinal: number }[], first: number, cursor: (ordinal: number, id: string) => string): Promise<Connection<BillableTreatment>> {
  const shown = rows.slice(0, first);
  const byId = new Map((await ctx.em.find(BillableTreatment, { id: { $in: shown.map((r) => r.id) } })).map((t) => [t.id, t]));
  const edges = shown.map((r) => ({ cursor: cursor(Number(r.ordinal), r.id), node: byId.get(r.id)! })).filter((e) => e.node);
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
