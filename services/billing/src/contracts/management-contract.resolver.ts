import { ConnectionType, PageArgs, RequiresScopes, notFound, paginate, whereEquals, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../references/client.stub';
import { FeeSchedule } from './fee-schedule.entity';
import { ManagementContract } from './management-contract.entity';

const ManagementContractConnection = ConnectionType(ManagementContract, 'ManagementContract');

/** The schedule of many contracts in one SELECT per request (a contract has at most one). */
export async function scheduleOf(ctx: RequestContext, contractId: string): Promise<FeeSchedule | null> {
  const [schedule] = await ctx.loaders.manyBy(FeeSchedule, 'contractId').load(contractId);
  return schedule ?? null;
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
    return (await loaders.byId(ManagementContract).load(id)) ?? Promise.reject(notFound('ManagementContract', id));
  }

  @FieldResolver(() => Client, { description: 'The client the operator serves under this contract.' })
  client(@Root() contract: ManagementContract): Client {
    return Object.assign(new Client(), { id: contract.clientId });
  }

  @FieldResolver(() => FeeSchedule, { nullable: true, description: 'What the contract’s services cost; null while not yet agreed.' })
  feeSchedule(@Root() contract: ManagementContract, @Ctx() ctx: RequestContext): Promise<FeeSchedule | null> {
    return scheduleOf(ctx, contract.id);
  }
}
