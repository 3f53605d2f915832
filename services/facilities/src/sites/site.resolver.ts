import { ConnectionType, MaxText, PageArgs, paginate, whereEquals, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Certification } from '../certifications/certification.entity';
import { Client } from '../clients/client.entity';
import { Equipment } from '../equipment/equipment.entity';
import { RemsEnrolment } from '../rems/rems-enrolment.entity';
import { Chair } from './chair.entity';
import { addChair, retireChair } from './chair.service';
import { CreateSiteInput, UpdateSiteInput } from './site.input';
import { Site } from './site.entity';
import { closeSite, createSite, updateSite } from './site.service';

const SiteConnection = ConnectionType(Site, 'Site');

@InputType({ description: 'A new chair at a site.' })
export class AddChairInput {
  @Field(() => ID, { description: 'Site the chair stands in.' })
  siteId!: string;

  @MaxText('name')
  @Field({ description: 'Label shown on the day board, unique within the site.' })
  label!: string;

  @Field(() => Boolean, { nullable: true, description: 'True when it is in a private room; false when omitted.' })
  privateRoom?: boolean | null;
}

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
    return loaders.require(Site, id);
  }

  @Mutation(() => Site, {
    description: 'Opens a new site for an onboarding or active client. POS, claim form and supervision default from the kind; a POS or claim form that contradicts the kind is BAD_USER_INPUT naming both fields; another supervision rule needs a reason.',
  })
  createSite(@Arg('input', { description: 'The new site.' }) input: CreateSiteInput, @Ctx() ctx: RequestContext): Promise<Site> {
    return createSite(ctx, input);
  }

  @Mutation(() => Site, { description: 'Changes an open site; kind, place of service, claim form and supervision are checked together.' })
  updateSite(@Arg('input', { description: 'What to change.' }) input: UpdateSiteInput, @Ctx() ctx: RequestContext): Promise<Site> {
    return updateSite(ctx, input);
  }

  @Mutation(() => Site, {
    description: 'Closes a site for good and retires its chairs (ChairRetired each). CONFLICT listing the appointments (`extensions.appointments`) while visits still hold any of its chairs.',
  })
  closeSite(
    @Arg('id', () => ID, { description: 'The site to close.' }) id: string,
    @Arg('reason', { description: 'Why it closes.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Site> {
    return closeSite(ctx, id, reason);
  }

  @FieldResolver(() => Client, { description: 'The client that owns the site.' })
  async client(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<Client> {
    return loaders.require(Client, site.clientId);
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

  @FieldResolver(() => [RemsEnrolment], { description: 'REMS programme enrolments of the site, by programme.' })
  remsEnrolments(@Root() site: Site, @Ctx() { loaders }: RequestContext): Promise<RemsEnrolment[]> {
    return loaders.manyBy(RemsEnrolment, 'siteId', { orderBy: { programme: 'asc' } }).load(site.id);
  }
}

@Resolver(() => Chair)
export class ChairResolver {
  @Mutation(() => Chair, { description: 'Puts a new chair into an open site; a label already used there is CONFLICT.' })
  addChair(@Arg('input', { description: 'The new chair.' }) input: AddChairInput, @Ctx() ctx: RequestContext): Promise<Chair> {
    return addChair(ctx, input);
  }

  @Mutation(() => Chair, {
    description: 'Retires a chair for good: it is no longer bookable (scheduling learns it from the ChairRetired event). CONFLICT when already retired, or while visits still hold it (listed in `extensions.appointments`).',
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
    return loaders.require(Site, chair.siteId);
  }
}

