import { LocalDate, Money, type RequestContext } from '@infusion/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { divideRounded, formatHundredths, toHundredths } from './decimal';
import { feeReport } from './report.service';

@ObjectType({ description: 'One month of a client’s management fees, over all its contracts in one currency.' })
export class ClientFeeMonth {
  @Field(() => LocalDate, { description: 'First day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'Treatments the fees counted.' })
  treatments!: number;

  @Field(() => Money, { description: 'Collections the fees counted.' })
  collections!: Money;

  @Field(() => Money, { description: 'The month’s fees as the engine prices them now.' })
  fee!: Money;

  @Field(() => Money, { nullable: true, description: 'Fee ÷ treatments; null without treatments.' })
  effectiveFeePerTreatment!: Money | null;

  @Field(() => String, { nullable: true, description: 'Change of the fee from the month before, in percent with two decimals; null when that was zero.' })
  feeChangePercent!: string | null;

  @Field({ description: 'A contract’s fee is near its minimum or cap, or its fee per treatment moved beyond the fair-market-value band (15%).' })
  needsReview!: boolean;
}

@ObjectType({ description: 'A client’s management fees over the last months, for the console.' })
export class ClientFeeSummary {
  @Field(() => [ClientFeeMonth], { description: 'The months, oldest first (one per month and currency).' })
  months!: ClientFeeMonth[];
}

const money = (cents: bigint, currency: string) => Object.assign(new Money(), { amount: formatHundredths(cents), currency });
const monthStart = (back: number, today: Date) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1)).toISOString().slice(0, 10);

/**
 * The fee summaries of many clients at once (one fee report over all of them: the volumes
 * aggregated in PostgreSQL from the monthly rollups, each contract-month priced once), summed
 * per client, month and currency.
 */
export async function feeSummaries(ctx: RequestContext, clientIds: readonly string[], months: number): Promise<ClientFeeSummary[]> {
  const today = new Date();
  const rows = await feeReport(ctx, monthStart(months, today), monthStart(1, today), [...clientIds], 15);
  const sums = new Map<string, { clientId: string; month: string; currency: string; treatments: number; collections: bigint; fee: bigint; previous: bigint | null; review: boolean }>();
  for (const row of rows) {
    const key = `${row.clientId}|${row.month}|${row.fee.currency}`;
    const sum = sums.get(key) ?? { clientId: row.clientId, month: row.month, currency: row.fee.currency, treatments: 0, collections: 0n, fee: 0n, previous: null, review: false };
    sum.treatments += row.treatments;
    sum.collections += toHundredths(row.collections.amount);
    sum.fee += toHundredths(row.fee.amount);
    if (row.previousFee) sum.previous = (sum.previous ?? 0n) + toHundredths(row.previousFee.amount);
    sum.review ||= row.nearMinimum || row.nearCap || row.outsideFmvBand;
    sums.set(key, sum);
  }
  const byClient = new Map<string, ClientFeeMonth[]>();
  for (const s of [...sums.values()].sort((a, b) => a.month.localeCompare(b.month))) {
    const change = s.previous === null || s.previous === 0n ? null : formatHundredths(divideRounded((s.fee - s.previous) * 10_000n, s.previous < 0n ? -s.previous : s.previous));
    const month = Object.assign(new ClientFeeMonth(), {
      month: s.month,
      treatments: s.treatments,
      collections: money(s.collections, s.currency),
      fee: money(s.fee, s.currency),
      effectiveFeePerTreatment: s.treatments > 0 ? money(divideRounded(s.fee, BigInt(s.treatments)), s.currency) : null,
      feeChangePercent: change,
      needsReview: s.review,
    });
    byClient.set(s.clientId, [...(byClient.get(s.clientId) ?? []), month]);
  }
  return clientIds.map((id) => Object.assign(new ClientFeeSummary(), { months: byClient.get(id) ?? [] }));
}
