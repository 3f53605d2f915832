import { InRange, LocalDate, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { StaffMember } from '../staff/staff-member.entity';
import { qualifiedStaff } from './qualified-staff.service';
import { expiringCredentials, labourCostWeek, siteCoverage, siteRoster, staffingAttention } from './reports.service';
import { CoverageHour, ExpiringCredential, LabourCostWeek, SiteRoster, StaffingAttention } from './reports.types';

/** How far ahead attention lists look: a quarter is already a plan, not an alert. */
@ArgsType()
class WithinDaysArgs {
  @InRange(1, 90)
  @Field(() => Int, { description: 'Days ahead to look, 1 to 90.' })
  withinDays!: number;
}

@Resolver()
export class StaffingReportsResolver {
  @Query(() => SiteRoster, { description: 'A site’s roster for a window of at most 31 days: shifts, supervising cover and time off.' })
  siteRoster(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('from', { description: 'Window start (UTC).' }) from: Date,
    @Arg('to', { description: 'Window end (UTC, exclusive); at most 31 days after `from`.' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<SiteRoster> {
    return siteRoster(ctx, siteId, from, to);
  }

  @Query(() => [StaffMember], {
    description:
      'Staff who may give a product at a site at a moment: on an RN, LPN or NP shift there, not on time off, licensed for the site’s state and holding the product’s required competency, unexpired on the site’s local date. By last name.',
  })
  qualifiedStaff(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('productId', () => ID, { description: 'The product to give (inventory’s Product; its requiredCompetency applies).' }) productId: string,
    @Arg('at', { description: 'The moment (UTC).' }) at: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffMember[]> {
    return qualifiedStaff(ctx, siteId, productId, at);
  }

  @Query(() => [CoverageHour], {
    description: 'Coverage per hour at a site for a window of at most 7 days: nurses on shift against chairs booked (from scheduling) and the chairs-per-nurse target, and supervision.',
  })
  staffingCoverage(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('from', { description: 'Window start (UTC); rows are hours from here.' }) from: Date,
    @Arg('to', { description: 'Window end (UTC, exclusive); at most 7 days after `from`.' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageHour[]> {
    return siteCoverage(ctx, siteId, from, to);
  }

  @Query(() => [ExpiringCredential], { description: 'Licences and competencies of active staff expiring from today to `withinDays` ahead, across every client the caller may see.' })
  expiringCredentials(@Args() { withinDays }: WithinDaysArgs, @Ctx() ctx: RequestContext): Promise<ExpiringCredential[]> {
    return expiringCredentials(ctx, withinDays);
  }

  @Query(() => StaffingAttention, { description: 'What needs attention in staffing within `withinDays`: expiring credentials and supervision gaps at DIRECT-supervision sites.' })
  staffingAttention(@Args() { withinDays }: WithinDaysArgs, @Ctx() ctx: RequestContext): Promise<StaffingAttention> {
    return staffingAttention(ctx, withinDays);
  }

  @Query(() => LabourCostWeek, { description: 'Labour cost of a site for the seven local days from `weekStarting`, from its shifts and each person’s hourly cost.' })
  labourCost(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('weekStarting', () => LocalDate, { description: 'First local day of the week (any weekday).' }) weekStarting: string,
    @Ctx() ctx: RequestContext,
  ): Promise<LabourCostWeek> {
    return labourCostWeek(ctx, siteId, weekStarting);
  }
}
