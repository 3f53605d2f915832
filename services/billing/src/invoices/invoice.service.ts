import { AppError, badInput, conflict, forbidden, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode, type RequiredEntityData } from '@mikro-orm/core';
import { ManagementContract } from '../contracts/management-contract.entity';
import { FeeRuleError, formatHundredths, toHundredths } from '../fees/decimal';
import { contractPricing } from '../fees/activity.service';
import { periodFee, type PeriodFee, type PeriodFeeLine } from '../fees/period.rules';
import { FeeInvoice, FeeInvoiceLine } from './invoice.entity';

const today = () => new Date().toISOString().slice(0, 10);
const missing = (type: string, id: string, argument: string) => new AppError('NOT_FOUND', `${type} ${id} was not found`, { type, id, argument });

/**
 * The billing period of a contract that contains `day`: its calendar month, or its calendar
 * quarter for a quarterly contract. Callers usually name the period's first day; any day of it
 * names the same period.
 */
export function billingPeriod(contract: Pick<ManagementContract, 'billingPeriod'>, day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number) as [number, number, number];
  const months = contract.billingPeriod === 'QUARTERLY' ? 3 : 1;
  const firstMonth = months === 3 ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(year, firstMonth - 1 + months, 0)).toISOString().slice(0, 10);
  return { from, to };
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

async function contractFor(ctx: RequestContext, contractId: string, lock: boolean): Promise<ManagementContract> {
  const contract = isUuid(contractId) ? await ctx.em.findOne(ManagementContract, { id: contractId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) : null;
  if (!contract) throw missing('ManagementContract', contractId, 'contractId');
  return contract;
}

/** Prices a contract's period from the rollups now: the draft, recomputed on every request. */
export async function draftFee(ctx: RequestContext, contractId: string, periodFrom: string): Promise<{ contract: ManagementContract; period: { from: string; to: string }; fee: PeriodFee }> {
  const contract = await contractFor(ctx, contractId, false);
  const period = billingPeriod(contract, periodFrom);
  return { contract, period, fee: await priced(contract.id, async () => periodFee(await contractPricing(ctx, contract, period))) };
}

/**
 * The next number of a series for a year. The counter row is locked by the upsert until the
 * issuing transaction ends, so concurrent issuers take numbers one after another, and a
 * transaction that fails gives its number back by rolling the increment back: no gaps.
 */
async function nextNumber(ctx: RequestContext, series: 'INV' | 'CN', year: number): Promise<string> {
  const [row] = await ctx.em.execute<{ last_number: number }[]>(
    `insert into billing.fee_invoice_counter (series, year, last_number) values (?, ?, 1)
     on conflict (series, year) do update set last_number = billing.fee_invoice_counter.last_number + 1
     returning last_number`,
    [series, year],
  );
  return `${series}-${year}-${String(row!.last_number).padStart(6, '0')}`;
}

/** Issuing and crediting number invoices for the whole operator: only a caller who sees whole clients may. */
function requireWholeClientCaller(ctx: RequestContext): void {
  if (ctx.tenant.siteIds) throw forbidden('Invoices cover a whole client; a caller limited to sites may not issue or credit them');
}

export async function issueInvoice(ctx: RequestContext, contractId: string, periodFrom: string): Promise<FeeInvoice> {
  requireWholeClientCaller(ctx);
  // Locking the contract queues two issuers of one contract, so the second sees the first's invoice.
  const contract = await contractFor(ctx, contractId, true);
  const period = billingPeriod(contract, periodFrom);
  if (period.to >= today()) throw badInput('A period is invoiced once it has ended', { argument: 'periodFrom' });
  const live = await ctx.em.findOne(FeeInvoice, { contractId: contract.id, periodFrom: period.from, status: { $ne: 'CREDITED' } });
  if (live) throw conflict(`The period is already invoiced (${live.number})`, { argument: 'periodFrom', invoiceId: live.id });
  return issueFor(ctx, contract, period);
}

function priced(contractId: string, fee: () => Promise<PeriodFee>): Promise<PeriodFee> {
  return fee().catch((error: unknown) => {
    // The stored schedules were checked when written; what remains is activity beyond a bounded tier.
    if (error instanceof FeeRuleError) throw conflict(`The period cannot be priced: ${error.message}`, { contractId });
    throw error;
  });
}

/**
 * Late activity: each earlier live invoice of the contract (the last 24) is priced again from the
 * ledgers as they are now; where that differs from what was billed for its period (its amount and
 * the adjustments since), the new invoice carries the difference as an ADJUSTMENT line pointing at
 * it. The earlier invoice itself never changes.
 */
async function adjustmentsFor(ctx: RequestContext, contract: ManagementContract, before: string): Promise<{ invoice: FeeInvoice; billed: string; repriced: string }[]> {
  const earlier = await ctx.em.find(FeeInvoice, { contractId: contract.id, status: { $ne: 'CREDITED' }, periodFrom: { $lt: before } }, { orderBy: { periodFrom: 'desc' }, limit: 24 });
  if (earlier.length === 0) return [];
  const ids = earlier.map((i) => i.id);
  // An invoice's amount also holds the adjustments it carried for earlier periods: its own period
  // was billed that amount less those, plus every adjustment later invoices made for it.
  const adjustments = await ctx.em.find(FeeInvoiceLine, { $or: [{ adjustsInvoiceId: { $in: ids } }, { invoiceId: { $in: ids }, adjustsInvoiceId: { $ne: null } }] });
  const sum = (lines: FeeInvoiceLine[]) => lines.reduce((total, l) => total + toHundredths(l.amount), 0n);
  const out: { invoice: FeeInvoice; billed: string; repriced: string }[] = [];
  for (const invoice of earlier.reverse()) {
    const carried = sum(adjustments.filter((l) => l.invoiceId === invoice.id && l.adjustsInvoiceId !== null));
    const received = sum(adjustments.filter((l) => l.adjustsInvoiceId === invoice.id));
    const billed = toHundredths(invoice.amount) - carried + received;
    const repriced = await priced(contract.id, async () => periodFee(await contractPricing(ctx, contract, { from: invoice.periodFrom, to: invoice.periodTo })));
    if (toHundredths(repriced.amount) !== billed) out.push({ invoice, billed: formatHundredths(billed), repriced: repriced.amount });
  }
  return out;
}

/** The stored lines of an invoice, as the engine priced them, with what each counted (for the drill-down). */
export function invoiceLineRows(clientId: string, invoiceId: string, lines: PeriodFeeLine[]): RequiredEntityData<FeeInvoiceLine>[] {
  return lines.map((line, index) => ({
    clientId,
    invoiceId,
    position: index + 1,
    kind: line.kind,
    description: line.description,
    lineFrom: line.from,
    lineTo: line.to,
    countedFrom: line.countedFrom,
    scheduleVersionId: line.versionId,
    fromTreatments: line.tier?.fromTreatments ?? null,
    toTreatments: line.tier?.toTreatments ?? null,
    therapyClass: line.therapyClass ?? null,
    tierSiteId: line.siteId ?? null,
    classes: line.classes ?? null,
    ordinalFirst: line.ordinals?.first ?? null,
    ordinalLast: line.ordinals?.last ?? null,
    treatments: line.treatments,
    sites: line.sites,
    collections: line.collections,
    rate: line.rate,
    amount: line.amount,
  }));
}

/** Prices, numbers and stores the invoice of a locked contract's period. */
async function issueFor(ctx: RequestContext, contract: ManagementContract, period: { from: string; to: string }): Promise<FeeInvoice> {
  const fee = await priced(contract.id, async () => periodFee(await contractPricing(ctx, contract, period)));
  const adjustments = await adjustmentsFor(ctx, contract, period.from);
  const total = adjustments.reduce((sum, a) => sum + toHundredths(a.repriced) - toHundredths(a.billed), toHundredths(fee.amount));

  const issuedAt = new Date();
  const invoice = ctx.em.create(FeeInvoice, {
    clientId: contract.clientId,
    contractId: contract.id,
    periodFrom: period.from,
    periodTo: period.to,
    status: 'ISSUED',
    number: await nextNumber(ctx, 'INV', issuedAt.getUTCFullYear()),
    currency: contract.currency,
    amount: formatHundredths(total),
    treatments: fee.treatments,
    collections: fee.collections,
    issuedAt,
  });
  await ctx.em.flush();
  for (const row of invoiceLineRows(contract.clientId, invoice.id, fee.lines)) ctx.em.create(FeeInvoiceLine, row);
  adjustments.forEach(({ invoice: earlier, billed, repriced }, index) => {
    const difference = formatHundredths(toHundredths(repriced) - toHundredths(billed));
    ctx.em.create(FeeInvoiceLine, {
      clientId: contract.clientId,
      invoiceId: invoice.id,
      position: fee.lines.length + index + 1,
      kind: 'ADJUSTMENT',
      description: `Late activity for ${earlier.number} (${earlier.periodFrom} to ${earlier.periodTo}): billed ${billed}, priced now ${repriced}`,
      lineFrom: earlier.periodFrom,
      lineTo: earlier.periodTo,
      countedFrom: earlier.periodFrom,
      adjustsInvoiceId: earlier.id,
      rate: repriced,
      amount: difference,
    });
  });
  await ctx.em.flush();
  return invoice;
}

/** How far issuing a period for every contract the caller sees has come. */
export interface PeriodProgress {
  periodFrom: string;
  contracts: number;
  invoiced: number;
  remaining: number;
  issuedNow: FeeInvoice[];
}

const BILLABLE = `
  from billing.management_contract c
  cross join lateral (select case when c.billing_period = 'QUARTERLY' then (?::date + interval '3 months' - interval '1 day')::date
                                  else (?::date + interval '1 month' - interval '1 day')::date end as period_to) p
  where c.effective_from <= p.period_to and (c.effective_to is null or c.effective_to >= ?::date)
    and (c.billing_period = 'MONTHLY' or extract(month from ?::date) in (1, 4, 7, 10))
    and p.period_to < current_date
    and exists (select 1 from billing.fee_schedule s where s.client_id = c.client_id and s.contract_id = c.id and s.effective_from <= p.period_to)`;
const NOT_INVOICED = `and not exists (select 1 from billing.fee_invoice i where i.client_id = c.client_id and i.contract_id = c.id and i.period_from = ?::date and i.status <> 'CREDITED')`;

export async function periodProgress(ctx: RequestContext, day: string, issuedNow: FeeInvoice[] = []): Promise<PeriodProgress> {
  const periodFrom = monthOf(day);
  const p = [periodFrom, periodFrom, periodFrom, periodFrom];
  const [all] = await ctx.em.execute<{ n: string }[]>(`select count(*) as n ${BILLABLE}`, p);
  const [open] = await ctx.em.execute<{ n: string }[]>(`select count(*) as n ${BILLABLE} ${NOT_INVOICED}`, [...p, periodFrom]);
  const contracts = Number(all!.n);
  const remaining = Number(open!.n);
  return { periodFrom, contracts, invoiced: contracts - remaining, remaining, issuedNow };
}

/**
 * Issues the period's invoice for up to `batchSize` contracts that still lack one, and says how
 * many remain: call it again until none do. Each call is one transaction, so a crash loses only
 * the call in flight (its invoices and their numbers roll back together: no gaps), and the next
 * call resumes with the contracts still open (no duplicates). Concurrent callers take different
 * contracts (locked rows are skipped).
 */
export async function issuePeriod(ctx: RequestContext, day: string, batchSize: number): Promise<PeriodProgress> {
  requireWholeClientCaller(ctx);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) throw badInput('batchSize must be between 1 and 100', { argument: 'batchSize' });
  const periodFrom = monthOf(day);
  const p = [periodFrom, periodFrom, periodFrom, periodFrom, periodFrom];
  const open = await ctx.em.execute<{ id: string }[]>(`select c.id ${BILLABLE} ${NOT_INVOICED} order by c.id limit ${batchSize * 2}`, p);
  const contracts = open.length
    ? await ctx.em.find(ManagementContract, { id: { $in: open.map((r) => r.id) } }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { id: 'asc' }, limit: batchSize })
    : [];
  const issued: FeeInvoice[] = [];
  for (const contract of contracts) {
    // Another caller may have invoiced it between our look and our lock.
    const live = await ctx.em.findOne(FeeInvoice, { contractId: contract.id, periodFrom, status: { $ne: 'CREDITED' } });
    if (!live) issued.push(await issueFor(ctx, contract, billingPeriod(contract, periodFrom)));
  }
  return periodProgress(ctx, periodFrom, issued);
}

async function lockedInvoice(ctx: RequestContext, id: string): Promise<FeeInvoice> {
  const invoice = isUuid(id) ? await ctx.em.findOne(FeeInvoice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!invoice) throw missing('FeeInvoice', id, 'id');
  return invoice;
}

export async function markInvoicePaid(ctx: RequestContext, id: string): Promise<FeeInvoice> {
  requireWholeClientCaller(ctx);
  const invoice = await lockedInvoice(ctx, id);
  if (invoice.status !== 'ISSUED') throw conflict(`Invoice ${invoice.number} is ${invoice.status.toLowerCase()}, not awaiting payment`, { argument: 'id' });
  invoice.status = 'PAID';
  invoice.paidAt = new Date();
  await ctx.em.flush();
  return invoice;
}

/** Cancels an issued (unpaid) invoice with a credit note of its own number series; the period may then be invoiced again. */
export async function creditInvoice(ctx: RequestContext, id: string, reason: string): Promise<FeeInvoice> {
  requireWholeClientCaller(ctx);
  const why = reason.trim();
  if (!why) throw badInput('Say why the invoice is credited', { argument: 'reason' });
  const invoice = await lockedInvoice(ctx, id);
  if (invoice.status !== 'ISSUED') throw conflict(`Invoice ${invoice.number} is ${invoice.status.toLowerCase()}; only an unpaid issued invoice can be credited`, { argument: 'id' });
  const creditedAt = new Date();
  invoice.status = 'CREDITED';
  invoice.creditedAt = creditedAt;
  invoice.creditReason = why;
  invoice.creditNoteNumber = await nextNumber(ctx, 'CN', creditedAt.getUTCFullYear());
  await ctx.em.flush();
  return invoice;
}
