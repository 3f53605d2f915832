import { RequiresScopes, type RequestContext } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ManagementContract } from '../contracts/management-contract.entity';
import { Client } from './client.stub';

/** What billing knows about a client: the contracts the operator runs it under, batched over many clients. */
@Resolver(() => Client)
export class ClientBillingResolver {
  @RequiresScopes('fees:read')
  @FieldResolver(() => [ManagementContract], { description: 'Management contracts with this client, most recent first.' })
  managementContracts(@Root() client: Client, @Ctx() { loaders }: RequestContext): Promise<ManagementContract[]> {
    return loaders.manyBy(ManagementContract, 'clientId', { orderBy: { effectiveFrom: 'desc', name: 'asc' } }).load(client.id);
  }
}
