import { ConnectionType, PageArgs, notFound, paginate, whereEquals, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../clients/client.entity';
import { Certification } from './certification.entity';
import { Chair } from './chair.entity';
import { retireChair } from './chair.service';
import { Equipment } from './equipment.entity';
import { Site } from './site.entity';

const SiteConnection = ConnectionType(Site, 'Site');

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => SiteConnection, { description: 'Infusion sites, by name; optionally of one client.' })
  sites(
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s sites.' }) clientId?: string,
  ) {
    return paginate(em, Site, whereEquals<Site>({ clientId }), page, 'name');
  }

  @Query(() => Site, { description: 'One infusion site.' })
  async site(@Arg('id', () => ID, { description: 'Its id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Site> {
    return (await loaders.byId(Site).load(id)) ?? Promise.reject(notFound('Site', id));
  }

  @FieldResolver(() => Client, { description: 'The client that owns the site.' })
  async client(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<Client> {
    return (await loaders.byId(Client).load(site.clientId)) ?? Promise.reject(notFound('Client', site.clientId));
  }

  @FieldResolver(() => [Chair], { description: 'Chairs at the site, by label.' })
  chairs(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<Chair[]> {
    return loaders.manyBy(Chair, 'siteId', { orderBy: { label: 'asc' } }).load(site.id);
  }

  @FieldResolver(() => [Equipment], { description: 'Equipment at the site.' })
  equipment(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<Equipment[]> {
    return loaders.manyBy(Equipment, 'siteId', { orderBy: { kind: 'asc', serialNumber: 'asc' } }).load(site.id);
  }

  @FieldResolver(() => [Certification], { description: 'Certifications the site holds.' })
  certifications(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<Certification[]> {
    return loaders.manyBy(Certification, 'siteId', { orderBy: { expiresOn: 'asc' } }).load(site.id);
  }
}

@Resolver(() => Chair)
export class ChairResolver {
  @Mutation(() => Chair, {
    description: 'Retires a chair for good: it is no longer bookable (scheduling learns it from the ChairRetired event). CONFLICT when already retired.',
  })
  retireChair(
    @Arg('chairId', () => ID, { description: 'The chair to retire.' }) chairId: string,
    @Arg('reason', { description: 'Why it is retired, e.g. "frame cracked, replaced by chair 7".' }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Chair> {
    return retireChair(ctx, chairId, reason);
  }

  @FieldResolver(() => Site, { description: 'The site the chair stands in.' })
  async site(@Root() chair: Chair, @Ctx() { loaders }: RequestContext): Promise<Site> {
    return (await loaders.byId(Site).load(chair.siteId)) ?? Promise.reject(notFound('Site', chair.siteId));
  }
}
