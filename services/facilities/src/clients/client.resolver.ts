import { PageArgs, ConnectionType, paginate, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Site } from '../sites/site.entity';
import { Client } from './client.entity';
import { CreateClientInput, UpdateClientInput } from './client.input';
import { createClient, updateClient } from './client.service';

const ClientConnection = ConnectionType(Client, 'Client');

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: 'Client organisations, by name.' })
  clients(@Args() page: PageArgs, @Ctx() { em }: RequestContext) {
    return paginate(em, Client, {}, page, 'name');
  }

  @Query(() => Client, { description: 'One client organisation.' })
  async client(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Client> {
    return loaders.require(Client, id);
  }

  @Mutation(() => Client, {
    description: 'Onboards a new client (operator ops users without client limits only); it starts ONBOARDING. NPI and tax id are checked; a taken name is CONFLICT.',
  })
  createClient(@Arg('input', { description: 'The new client.' }) input: CreateClientInput, @Ctx() ctx: RequestContext): Promise<Client> {
    return createClient(ctx, input);
  }

  @Mutation(() => Client, {
    description: 'Changes a client you may see (a client key: its own). Status moves only ONBOARDING → ACTIVE → OFFBOARDING → ENDED (and OFFBOARDING → ACTIVE), by ops users; a refused move is CONFLICT naming `input.status`.',
  })
  updateClient(@Arg('input', { description: 'What to change.' }) input: UpdateClientInput, @Ctx() ctx: RequestContext): Promise<Client> {
    return updateClient(ctx, input);
  }

  @FieldResolver(() => [Site], { description: 'The client’s infusion sites, by name.' })
  sites(@Root() client: Client, @Ctx() { loaders }: RequestContext): Promise<Site[]> {
    return loaders.manyBy(Site, 'clientId', { orderBy: { name: 'asc' } }).load(client.id);
  }
}
