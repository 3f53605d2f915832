import { ConnectionType, LocalDate, Money, PageArgs, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import type { StaffRole } from '@infusion/domain-codes';
import type { ObjectQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Site } from '../references/site.stub';
import { Shift } from '../shifts/shift.entity';
import { shiftsOf } from '../shifts/shift.loader';
import { Competency } from './competency.entity';
import { License } from './license.entity';
import { staffCanPracticeIn, staffHasCompetency } from './licensure.service';
import { StaffMember, StaffRoleEnum } from './staff-member.entity';
import { competenciesOf, homeSiteScope, licensesOf } from './staff.loader';
import { NewCompetencyInput, NewLicenseInput, NewStaffMemberInput, StaffMemberChangesInput } from './staff.input';
import { addCompetency, addLicense, createStaffMember, updateStaffMember } from './staff.service';

const StaffMemberConnection = ConnectionType(StaffMember, 'StaffMember');

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @Query(() => StaffMemberConnection, { description: 'Staff members by last name; optionally of one client, one home site or one role. A caller limited to some sites sees the staff based at those sites.' })
  staffMembers(
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s staff.' }) clientId?: string | null,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only staff whose home site is this one.' }) siteId?: string | null,
    @Arg('role', () => StaffRoleEnum, { nullable: true, description: 'Only staff in this role.' }) role?: StaffRole | null,
  ) {
    const conditions: ObjectQuery<StaffMember>[] = [homeSiteScope(ctx), whereEquals<StaffMember>({ clientId, homeSiteId: siteId, role }) as ObjectQuery<StaffMember>];
    return paginate(ctx.em, StaffMember, { $and: conditions }, page, 'lastName');
  }

  @Query(() => StaffMember, { description: 'One staff member.' })
  async staffMember(@Arg('id', () => ID, { description: 'Staff member id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<StaffMember> {
    return loaders.require(StaffMember, id);
  }

  @Mutation(() => StaffMember, { description: 'Adds a person to a client’s staff at one of its sites (employee, agency or contract), with their hourly cost. CONFLICT when the email is taken in the client.' })
  createStaffMember(@Arg('input', { description: 'The person.' }) input: NewStaffMemberInput, @Ctx() ctx: RequestContext): Promise<StaffMember> {
    return createStaffMember(ctx, input);
  }

  @Mutation(() => StaffMember, { description: 'Changes a staff member (name, role, engagement, hourly cost, home site, or leaving with `active: false`).' })
  updateStaffMember(
    @Arg('id', () => ID, { description: 'Staff member to change.' }) id: string,
    @Arg('input', { description: 'What changes.' }) input: StaffMemberChangesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffMember> {
    return updateStaffMember(ctx, id, input);
  }

  @Mutation(() => License, { description: 'Records a state licence (single-state, or multistate under the Nurse Licensure Compact). CONFLICT when the state already issued that number for that kind.' })
  addLicense(@Arg('input', { description: 'The licence.' }) input: NewLicenseInput, @Ctx() ctx: RequestContext): Promise<License> {
    return addLicense(ctx, input);
  }

  @Mutation(() => Competency, { description: 'Records a competency or certification with its expiry (e.g. BIOTHERAPY, PORT_ACCESS).' })
  addCompetency(@Arg('input', { description: 'The competency.' }) input: NewCompetencyInput, @Ctx() ctx: RequestContext): Promise<Competency> {
    return addCompetency(ctx, input);
  }

  @FieldResolver(() => Money, { description: 'What an hour of this person’s time costs (the agency’s rate for agency staff); labour cost uses it.' })
  hourlyCost(@Root() member: StaffMember): Money {
    return Money.usd(member.hourlyCost);
  }

  @FieldResolver(() => [License], { description: 'Licences held, by state, newest expiry first.' })
  licenses(@Root() member: StaffMember, @Ctx() ctx: RequestContext): Promise<License[]> {
    return licensesOf(ctx).load(member.id);
  }

  @FieldResolver(() => [Competency], { description: 'Competencies held (current and expired), by kind, newest expiry first.' })
  competencies(@Root() member: StaffMember, @Ctx() ctx: RequestContext): Promise<Competency[]> {
    return competenciesOf(ctx).load(member.id);
  }

  @FieldResolver(() => [Shift], { description: 'Shifts of this staff member that overlap the window, in time order.' })
  shifts(
    @Root() member: StaffMember,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { description: 'Window start (inclusive, UTC); shifts still under way at this time are included.' }) from: Date,
    @Arg('to', () => Date, { description: 'Window end (exclusive, UTC); at most 366 days after `from`.' }) to: Date,
  ): Promise<Shift[]> {
    return shiftsOf(ctx, 'staffMemberId', from, to).load(member.id);
  }

  @FieldResolver(() => Site, { description: 'The site the staff member normally works at.' })
  homeSite(@Root() member: StaffMember): Site {
    return stubOf(Site, member.homeSiteId);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when an unexpired licence covers the state on that date: issued by the state, or a multistate RN/LPN licence from a Nurse Licensure Compact state when the state is in the compact too.',
  })
  canPracticeIn(
    @Root() member: StaffMember,
    @Ctx() ctx: RequestContext,
    @Arg('state', { description: 'Two-letter US state, usually the site’s (the patient’s state’s practice act applies).' }) state: string,
    @Arg('on', () => LocalDate, { description: 'Date of practice, e.g. the appointment’s local date.' }) on: string,
  ): Promise<boolean> {
    return staffCanPracticeIn(ctx, member.id, state, on);
  }

  @FieldResolver(() => Boolean, { description: 'True when the staff member holds a competency of that kind that is unexpired on that date.' })
  hasCompetency(
    @Root() member: StaffMember,
    @Ctx() ctx: RequestContext,
    @Arg('kind', { description: 'Competency kind, e.g. BIOTHERAPY or TOUCH_REMS (a drug’s required competency).' }) kind: string,
    @Arg('on', () => LocalDate, { description: 'Date it must be valid on.' }) on: string,
  ): Promise<boolean> {
    return staffHasCompetency(ctx, member.id, kind, on);
  }
}
