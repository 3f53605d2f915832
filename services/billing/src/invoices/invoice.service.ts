import { AppError, badInput, conflict, forbidden, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode } from '@mikro-orm/core';
import { ManagementContract } from '../contracts/management-contract.entity';
import { FeeRuleError } from '../fees/decimal';
import { contractPricing } from '../fees/activity.service';
import { periodFee, type PeriodFee } from '../fees/period.rules';
import { FeeInvoice, FeeInvoiceLine } from './invoice.entity';

const today = () => new Date().toISOString().slice(0, 10);
const missing = (type: string, id: string, argument: string) => new AppError('NOT_FOUND', `${type} ${id} was not found`, { type, id, argument });

/** The billing period of a contract that starts on `periodFrom`: a calendar month, or a calendar quarter. */
export function billingPeriod(contract: Pick<ManagementContract, 'billingPeriod'>, periodFrom: string): { from: string; to: string } {
  const [year, month, day] = periodFrom.split('-').map(Number) as [number, number, number];
  if (day !== 1) throw badInput('A billing period starts on the first day of a month', { argument: 'periodFrom' });
  const months = contract.billingPeriod === 'QUARTERLY' ? 3 : 1;
  if (months === 3 && (month - 1) % 3 !== 0) throw badInput('A quarterly contract’s period starts in January, April, July or October', { argument: 'periodFrom' });
  const to = new Date(Date.UTC(year, month - 1 + months, 0)).toISOString().slice(0, 10);
  return { from: periodFrom, to };
}

async function contractFor(ctx: RequestContext, contractId: string, lock: boolean): Promise<ManagementContract> {
  const contract = isUuid(contractId) ? await ctx.em.findOne(ManagementContract, { id: contractId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) : null;
  if (!contract) throw missing('ManagementContract', contractId, 'contractId');
  return contract;
}

/** Prices a contract's period from the rollups now: the draft, recomputed on every request. */
export async function draftFee(ctx: RequestContext, contractId: string, periodFrom: string): Promise<{ contract: ManagementContract; period: { from: string; to: string }; fee: PeriodFee }> {
  const contract = await contractFor(ctx, contractId, false);
  const period = billingPeriod(contract, periodFrom);
  try {
    return { contract, period, fee: periodFee(await contractPricing(ctx, contract, period)) };
  } catch (error) {
    // The stored schedules were checked when written; what remains is activity beyond a bounded tier.
    if (error instanceof FeeRuleError) throw conflict(`The period cannot be priced: ${error.message}`, { contractId });
    throw error;
  }
}

/**
 * The next number of a series for a year. The counter row is locked by the upsert until the
 * issuing transaction ends, so concurrent issuers take numbers one after another, and a
 * transaction that fails gives its number back by rolling the increment back: no gaps.
 */
async function nextNumber(ctx: RequestContext, series: 'INV' | 'CN', year: number): Promise<string> {
  const [row] = await ctx.em.execute<{ last_number: number }[]>(
    `insert into billing.invoice_counter (series, year, last_number) values (?, ?, 1)
     on conflict (series, year) do update set last_number = billing.invoice_counter.last_number + 1
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
  await contractFor(ctx, contractId, true);
  const { contract, period, fee } = await draftFee(ctx, contractId, periodFrom);
  if (period.to >= today()) throw badInput('A period is invoiced once it has ended', { argument: 'periodFrom' });
  const live = await ctx.em.findOne(FeeInvoice, { contractId: contract.id, periodFrom: period.from, status: { $ne: 'CREDITED' } });
  if (live) throw conflict(`The period is already invoiced (${live.number})`, { argument: 'periodFrom', invoiceId: live.id });

  const issuedAt = new Date();
  const invoice = ctx.em.create(FeeInvoice, {
    clientId: contract.clientId,
    contractId: contract.id,
    periodFrom: period.from,
    periodTo: period.to,
    status: 'ISSUED',
    number: await nextNumber(ctx, 'INV', issuedAt.getUTCFullYear()),
    currency: contract.currency,
    amount: fee.amount,
    treatments: fee.treatments,
    collections: fee.collections,
    issuedAt,
  });
  await ctx.em.flush();
  fee.lines.forEach((line, index) => {
    ctx.em.create(FeeInvoiceLine, {
      clientId: contract.clientId,
      invoiceId: invoice.id,
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
      siteId: line.siteId ?? null,
      classes: line.classes ?? null,
      ordinalFirst: line.ordinals?.first ?? null,
      ordinalLast: line.ordinals?.last ?? null,
      treatments: line.treatments,
      sites: line.sites,
      collections: line.collections,
      rate: line.rate,
      amount: line.amount,
    });
  });
  await ctx.em.flush();
  return invoice;
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
