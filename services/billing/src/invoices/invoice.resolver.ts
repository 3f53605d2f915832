import { ConnectionType, LocalDate, Money, PageArgs, RequiresScopes, badInput, decodeCursor, encodeCursor, paginate, whereEquals, type Connection, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { TherapyClassEnum } from '../contracts/fee-tier.entity';
import { ManagementContract } from '../contracts/management-contract.entity';
import type { FeeLineKind, TherapyClass } from '../fees/fee.rules';
import { FeeLineKindEnum, FeePreview } from '../fees/fee-preview.types';
import { feeLine } from '../fees/fee.service';
import { Collection } from '../ledger/collection.entity';
import { BillableTreatment } from '../ledger/treatment.entity';
import { FeeInvoice, FeeInvoiceLine } from './invoice.entity';
import { countedCollections, countedTreatments } from './invoice-drilldown';
import { creditInvoice, draftFee, issueInvoice, issuePeriod, markInvoicePaid, periodProgress } from './invoice.service';

@ObjectType({ description: 'How far issuing a period’s invoices for every contract the caller sees has come.' })
export class FeeInvoicingProgress {
  @Field(() => LocalDate, { description: 'First day of the period.' })
  periodFrom!: string;

  @Field(() => Int, { description: 'Contracts with a fee schedule in force whose period has ended.' })
  contracts!: number;

  @Field(() => Int, { description: 'Of these, invoiced.' })
  invoiced!: number;

  @Field(() => Int, { description: 'Of these, still to invoice: call issueFeeInvoicesForPeriod again until none remain.' })
  remaining!: number;

  @Field(() => [FeeInvoice], { description: 'Invoices this call issued.' })
  issuedNow!: FeeInvoice[];
}

const FeeInvoiceConnection = ConnectionType(FeeInvoice, 'FeeInvoice');
const BillableTreatmentConnection = ConnectionType(BillableTreatment, 'BillableTreatment');
const CollectionConnection = ConnectionType(Collection, 'Collection');

function drillDownPage(page: PageArgs): { first: number; after: number } {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > 500) throw badInput('`first` must be between 1 and 500', { argument: 'first' });
  return { first: page.first, after: page.after ? Number(decodeCursor(page.after, 'number')[0]) : 0 };
}
const money = (amount: string, currency: string) => Object.assign(new Money(), { amount, currency });

@Resolver(() => FeeInvoice)
export class FeeInvoiceResolver {
  @RequiresScopes('fees:read')
  @Query(() => FeeInvoiceConnection, { description: 'Issued fee invoices, by number; optionally of one client or contract.' })
  feeInvoices(
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s invoices.' }) clientId?: string | null,
    @Arg('contractId', () => ID, { nullable: true, description: 'Only this contract’s invoices.' }) contractId?: string | null,
  ) {
    return paginate(em, FeeInvoice, whereEquals<FeeInvoice>({ clientId, contractId }), page, 'number');
  }

  @RequiresScopes('fees:read')
  @Query(() => FeeInvoice, { description: 'One fee invoice.' })
  async feeInvoice(@Arg('id', () => ID, { description: 'Invoice id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<FeeInvoice> {
    return loaders.require(FeeInvoice, id);
  }

  @RequiresScopes('fees:read')
  @Query(() => FeePreview, { description: 'The draft invoice of a contract’s billing period: priced now from the ledgers’ rollups, recomputed on every request, nothing stored.' })
  async feeInvoiceDraft(
    @Arg('contractId', () => ID, { description: 'The contract.' }) contractId: string,
    @Arg('periodFrom', () => LocalDate, { description: 'A day of the period (a month, or a quarter for a quarterly contract), usually its first.' }) periodFrom: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeePreview> {
    const { contract, fee } = await draftFee(ctx, contractId, periodFrom);
    return Object.assign(new FeePreview(), { amount: money(fee.amount, contract.currency), lines: fee.lines.map((l) => feeLine(l, contract.currency)) });
  }

  @Mutation(() => FeeInvoice, {
    description: 'Issues the invoice of a contract’s ended billing period: priced, numbered (no gaps per year), stored immutable. CONFLICT when the period is already invoiced.',
  })
  issueFeeInvoice(
    @Arg('contractId', () => ID, { description: 'The contract.' }) contractId: string,
    @Arg('periodFrom', () => LocalDate, { description: 'A day of the period, usually its first.' }) periodFrom: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeInvoice> {
    return issueInvoice(ctx, contractId, periodFrom);
  }

  @RequiresScopes('fees:read')
  @Query(() => FeeInvoicingProgress, { description: 'How many contracts the caller sees have their invoice for the period, and how many remain.' })
  async feeInvoicingProgress(
    @Arg('periodFrom', () => LocalDate, { description: 'A day of the period, usually its first.' }) periodFrom: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeInvoicingProgress> {
    return Object.assign(new FeeInvoicingProgress(), await periodProgress(ctx, periodFrom));
  }

  @Mutation(() => FeeInvoicingProgress, {
    description:
      'Issues the period’s invoice for up to `batchSize` more contracts the caller sees and reports progress: call again until none remain. Resumable after a crash, without duplicates or gaps.',
  })
  async issueFeeInvoicesForPeriod(
    @Arg('periodFrom', () => LocalDate, { description: 'A day of the month invoiced (monthly contracts; quarterly ones too when the month starts a quarter).' }) periodFrom: string,
    @Arg('batchSize', () => Int, { defaultValue: 20, description: 'Contracts to invoice in this call (1 to 100).' }) batchSize: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeInvoicingProgress> {
    return Object.assign(new FeeInvoicingProgress(), await issuePeriod(ctx, periodFrom, batchSize));
  }

  @Mutation(() => FeeInvoice, { description: 'Marks an issued invoice paid. CONFLICT unless it is awaiting payment.' })
  markFeeInvoicePaid(@Arg('id', () => ID, { description: 'The invoice.' }) id: string, @Ctx() ctx: RequestContext): Promise<FeeInvoice> {
    return markInvoicePaid(ctx, id);
  }

  @Mutation(() => FeeInvoice, { description: 'Cancels an unpaid issued invoice with a numbered credit note; the period may then be invoiced again.' })
  creditFeeInvoice(
    @Arg('id', () => ID, { description: 'The invoice.' }) id: string,
    @Arg('reason', { description: 'Why it is credited.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeInvoice> {
    return creditInvoice(ctx, id, reason);
  }

  @FieldResolver(() => Money, { description: 'Total of the invoice: the sum of its lines.' })
  amount(@Root() invoice: FeeInvoice): Money {
    return money(invoice.amount, invoice.currency);
  }

  @FieldResolver(() => Money, { description: 'Collections the period counted.' })
  collections(@Root() invoice: FeeInvoice): Money {
    return money(invoice.collections, invoice.currency);
  }

  @FieldResolver(() => ManagementContract, { description: 'The contract invoiced.' })
  async contract(@Root() invoice: FeeInvoice, @Ctx() { loaders }: RequestContext): Promise<ManagementContract> {
    return loaders.require(ManagementContract, invoice.contractId);
  }

  @FieldResolver(() => [FeeInvoiceLine], { description: 'The invoice’s lines, in order.' })
  lines(@Root() invoice: FeeInvoice, @Ctx() { loaders }: RequestContext): Promise<FeeInvoiceLine[]> {
    return loaders.manyBy(FeeInvoiceLine, 'invoiceId', { orderBy: { position: 'asc' } }).load(invoice.id);
  }
}

@Resolver(() => FeeInvoiceLine)
export class FeeInvoiceLineResolver {
  @FieldResolver(() => FeeLineKindEnum, { description: 'The component the line prices.' })
  kind(@Root() line: FeeInvoiceLine): FeeLineKind {
    return line.kind as FeeLineKind;
  }

  @FieldResolver(() => TherapyClassEnum, { nullable: true, description: 'The therapy class a class-specific tier line counted.' })
  therapyClass(@Root() line: FeeInvoiceLine): TherapyClass | null {
    return line.therapyClass as TherapyClass | null;
  }

  @FieldResolver(() => Money, { description: 'Amount of the line; negative for a cut to the cap.' })
  async amount(@Root() line: FeeInvoiceLine, @Ctx() { loaders }: RequestContext): Promise<Money> {
    const invoice = await loaders.byId(FeeInvoice).load(line.invoiceId);
    return money(line.amount, invoice?.currency ?? 'USD');
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Collections the percentage was taken of (percentage lines).' })
  async collections(@Root() line: FeeInvoiceLine, @Ctx() { loaders }: RequestContext): Promise<Money | null> {
    if (line.collections === null) return null;
    const invoice = await loaders.byId(FeeInvoice).load(line.invoiceId);
    return money(line.collections, invoice?.currency ?? 'USD');
  }

  @FieldResolver(() => BillableTreatmentConnection, {
    description:
      'The exact treatments a tier line priced, in service order, or the late treatments behind an ADJUSTMENT line (empty for other lines): an auditable trail from the amount down to each treatment.',
  })
  async countedTreatments(@Root() line: FeeInvoiceLine, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<BillableTreatment>> {
    const { first, after } = drillDownPage(page);
    return countedTreatments(ctx, line, first, after, (ordinal, id) => encodeCursor(ordinal, id));
  }

  @FieldResolver(() => CollectionConnection, {
    description:
      'The exact collections a PERCENT_OF_COLLECTIONS or COLLECTIONS_FLOOR line counted (received in the line’s days at a covered site), in the order received; they add up to the line’s collections. Empty for other lines.',
  })
  async countedCollections(@Root() line: FeeInvoiceLine, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Collection>> {
    const { first, after } = drillDownPage(page);
    return countedCollections(ctx, line, first, after, (ordinal, id) => encodeCursor(ordinal, id));
  }
}
