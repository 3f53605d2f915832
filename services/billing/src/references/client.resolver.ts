import { InRange, RequiresScopes, type RequestContext } from '@infusion/subgraph-kit';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ManagementContract } from '../contracts/management-contract.entity';
import { ClientFeeSummary, feeSummaries } from '../fees/fee-summary';
import { Client } from './client.stub';

@ArgsType()
class FeeSummaryArgs {
  @InRange(1, 24)
  @Field(() => Int, { defaultValue: 12, description: 'Whole months back from this one (1 to 24).' })
  months: number = 12;
}

/** What billing knows about a client: the contracts the operator runs it under, batched over many clients. */
@Resolver(() => Client)
export class ClientBillingResolver {
  @RequiresScopes('fees:read')
  @FieldResolver(() => [ManagementContract], { description: 'Management contracts with this client, most recent first.' })
  managementContracts(@Root() client: Client, @Ctx() { loaders }: RequestContext): Promise<ManagementContract[]> {
    return loaders.manyBy(ManagementContract, 'clientId', { orderBy: { effectiveFrom: 'desc', name: 'asc' } }).load(client.id);
  }

  @RequiresScopes('fees:read')
  @FieldResolver(() => ClientFeeSummary, {
    nullable: true,
    description:
      'The client’s management fees month by month over its contracts (volume, collections, fee, trend, review flag); one fee report for all the clients of a request. Null for a client the caller cannot see.',
  })
  feeSummary(@Root() client: Client, @Args() { months }: FeeSummaryArgs, @Ctx() ctx: RequestContext): Promise<ClientFeeSummary | null> {
    return ctx.loaders.custom<string, ClientFeeSummary>(`billing.feeSummary.${months}`, (ids) => feeSummaries(ctx, ids, months)).load(client.id);
  }
}
