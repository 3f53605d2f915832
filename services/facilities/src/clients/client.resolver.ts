import { PageArgs, ConnectionType, notFound, paginate, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Site } from '../sites/site.entity';
import { Client } from './client.entity';

const ClientConnection = ConnectionType(Client, 'Client');

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: 'Client organisations, by name.' })
  clients(@Args() page: PageArgs, @Ctx() { em }: RequestContext) {
    return paginate(em, Client, {}, page, 'name');
  }

  @Query(() => Client, { description: 'One client organisation.' })
  async client(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Client> {
    return (await loaders.byId(Client).load(id)) ?? Promise.reject(notFound('Client', id));
  }

  @FieldResolver(() => [Site], { description: 'The client’s infusion sites, by name.' })
  sites(@Root() client: Client, @Ctx() { loaders }: RequestContext): Promise<Site[]> {
    return loaders.manyBy(Site, 'clientId', { orderBy: { name: 'asc' } }).load(client.id);
  }
}
