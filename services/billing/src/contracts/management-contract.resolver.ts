import { ConnectionType, LocalDate, PageArgs, RequiresScopes, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FeePreview } from '../fees/fee-preview.types';
import { previewProposal } from '../fees/fee.service';
import { Client } from '../references/client.stub';
import { AmendFeeScheduleInput, ContractSiteInput, CreateManagementContractInput, FeeActivityInput, FeeScheduleTermsInput, UpdateManagementContractInput } from './contract.input';
import { amendFeeSchedule, checkTermsInput, createManagementContract, setContractSites, termsOfInput, updateManagementContract } from './contract.service';
import { ContractSite } from './contract-site.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { ManagementContract } from './management-contract.entity';

const ManagementContractConnection = ConnectionType(ManagementContract, 'ManagementContract');

const today = () => new Date().toISOString().slice(0, 10);

/** The first day of the month before `date`'s month: "last period" for a preview. */
function previousMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/** The schedule versions of many contracts in one SELECT per request, oldest first. */
export function scheduleVersionsOf(ctx: RequestContext, contractId: string): Promise<FeeSchedule[]> {
  return ctx.loaders.manyBy(FeeSchedule, 'contractId', { orderBy: { effectiveFrom: 'asc' } }).load(contractId);
}

/** The version in force on `on` (the latest that took effect by then), or null before the first. */
export async function scheduleOf(ctx: RequestContext, contractId: string, on = today()): Promise<FeeSchedule | null> {
  const versions = await scheduleVersionsOf(ctx, contractId);
  return versions.filter((v) => v.effectiveFrom <= on).at(-1) ?? null;
}

@Resolver(() => ManagementContract)
export class ManagementContractResolver {
  @RequiresScopes('fees:read')
  @Query(() => ManagementContractConnection, { description: 'Management contracts, by name; optionally of one client.' })
  managementContracts(
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s contracts.' }) clientId?: string | null,
  ) {
    return paginate(em, ManagementContract, whereEquals<ManagementContract>({ clientId }), page, 'name');
  }

  @RequiresScopes('fees:read')
  @Query(() => ManagementContract, { description: 'One management contract.' })
  async managementContract(
    @Arg('id', () => ID, { description: 'Contract id.' }) id: string,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ManagementContract> {
    return loaders.require(ManagementContract, id);
  }

  @RequiresScopes('fees:read')
  @Query(() => FeePreview, {
    description:
      'Prices a proposed fee schedule (not stored) against a month of activity, with the lines an invoice would show, so finance can test a proposal before it is signed.',
  })
  feeProposalPreview(
    @Arg('terms', () => FeeScheduleTermsInput, { description: 'The proposed terms.' }) terms: FeeScheduleTermsInput,
    @Arg('activity', () => FeeActivityInput, { description: 'The month’s activity to price.' }) activity: FeeActivityInput,
    @Arg('month', () => LocalDate, { nullable: true, description: 'Any day of the month priced (its days prorate and its quarter shares the fixed fee); last month when left out.' })
    month?: string | null,
    @Arg('currency', () => String, { nullable: true, description: 'Currency of the amounts; USD when left out.' }) currency?: string | null,
  ): FeePreview {
    const proposal = termsOfInput(terms);
    checkTermsInput(proposal, 'terms');
    return previewProposal(
      proposal,
      month ?? previousMonth(today()),
      {
        treatments: activity.treatments,
        oncologyTreatments: activity.oncologyTreatments ?? 0,
        hydrationTreatments: activity.hydrationTreatments ?? 0,
        activeSites: activity.activeSites,
        chairs: activity.chairs ?? 0,
        collections: activity.collections ?? '0.00',
        daysActive: activity.daysActive ?? null,
      },
      currency && /^[A-Z]{3}$/.test(currency) ? currency : 'USD',
    );
  }

  @Mutation(() => ManagementContract, { description: 'Creates a management contract with a client, optionally with the sites it covers. CONFLICT when the client has a contract of that name.' })
  createManagementContract(
    @Arg('input', () => CreateManagementContractInput, { description: 'The contract.' }) input: CreateManagementContractInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ManagementContract> {
    return createManagementContract(ctx, input);
  }

  @Mutation(() => ManagementContract, { description: 'Renames a contract, changes its services or billing period, or ends or extends it.' })
  updateManagementContract(
    @Arg('id', () => ID, { description: 'The contract.' }) id: string,
    @Arg('input', () => UpdateManagementContractInput, { description: 'What changes.' }) input: UpdateManagementContractInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ManagementContract> {
    return updateManagementContract(ctx, id, input);
  }

  @Mutation(() => ManagementContract, { description: 'Replaces the sites a contract covers, each with the days it covers it. Sites must be the contract client’s.' })
  setContractSites(
    @Arg('contractId', () => ID, { description: 'The contract.' }) contractId: string,
    @Arg('sites', () => [ContractSiteInput], { description: 'Every site covered (an empty list covers none).' }) sites: ContractSiteInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ManagementContract> {
    return setContractSites(ctx, contractId, sites);
  }

  @Mutation(() => FeeSchedule, {
    description:
      'Adds a version of a contract’s fee schedule that takes effect on a date; earlier versions stay as they were, so past days keep their price. CONFLICT when a version already takes effect that day.',
  })
  amendFeeSchedule(
    @Arg('contractId', () => ID, { description: 'The contract.' }) contractId: string,
    @Arg('input', () => AmendFeeScheduleInput, { description: 'The new terms and the day they take effect.' }) input: AmendFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeSchedule> {
    return amendFeeSchedule(ctx, contractId, input);
  }

  @FieldResolver(() => Client, { description: 'The client the operator serves under this contract.' })
  client(@Root() contract: ManagementContract): Client {
    return stubOf(Client, contract.clientId);
  }

  @FieldResolver(() => FeeSchedule, { nullable: true, description: 'The version of the fee schedule in force on a day (today by default); null before the first version.' })
  feeSchedule(
    @Root() contract: ManagementContract,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => LocalDate, { nullable: true, description: 'The day; today (UTC) when left out.' }) on?: string | null,
  ): Promise<FeeSchedule | null> {
    return scheduleOf(ctx, contract.id, on ?? undefined);
  }

  @FieldResolver(() => [FeeSchedule], { description: 'Every version of the fee schedule, oldest first: each prices the days from its date until the next one’s.' })
  feeSchedules(@Root() contract: ManagementContract, @Ctx() ctx: RequestContext): Promise<FeeSchedule[]> {
    return scheduleVersionsOf(ctx, contract.id);
  }

  @FieldResolver(() => [ContractSite], { description: 'Sites the contract covers, with their days.' })
  sites(@Root() contract: ManagementContract, @Ctx() { loaders }: RequestContext): Promise<ContractSite[]> {
    return loaders.manyBy(ContractSite, 'contractId', { orderBy: { coveredFrom: 'asc', siteId: 'asc' } }).load(contract.id);
  }
}
