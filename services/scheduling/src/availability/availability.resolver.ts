import { InRange, LocalDate, MaxItems, graphqlEnum, stubOf, type RequestContext } from '@infusion/subgraph-kit';
import { Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { graphBookingFacts } from '../ports/booking-facts';
import { Chair } from '../references/chair.stub';
import { Site } from '../references/site.stub';
import { StaffMember } from '../references/staff-member.stub';
import { SLOT_REASONS, type SlotReason } from './availability.rules';
import { DEFAULT_SLOTS, MAX_SEARCH_DAYS, MAX_SEARCH_SITES, MAX_SLOTS, availableSlots, type AvailabilityRequest } from './availability.service';

const SlotReasonEnum = graphqlEnum(
  SLOT_REASONS,
  'SlotReason',
  "Why a slot ranks high: SAME_NURSE as the patient's last visit; AT_OPENING, AFTER_A_VISIT, BEFORE_A_VISIT or AT_CLOSING (it touches the chair's neighbours or the day's edge); NO_UNUSABLE_GAP (it leaves no free stretch too short for another visit).",
);

@ObjectType({ description: "A slot an order's next dose fits in, passing every booking rule, ranked among the others found." })
export class AvailableSlot {
  @Field(() => Int, { description: 'Position in the ranking, 1 = best.' })
  rank!: number;

  @Field({ description: 'When the chair is taken (UTC).' })
  startsAt!: Date;

  @Field({ description: 'When the chair is free again (UTC): the next dose’s chair time later.' })
  endsAt!: Date;

  @Field(() => LocalDate, { description: 'Local date at the site.' })
  date!: string;

  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field(() => Chair, { description: 'A chair in service and free for the whole visit.' })
  chair!: Chair;

  @Field(() => StaffMember, { description: 'A nurse qualified for the drug, on shift for the whole visit and under the concurrent-chair limit.' })
  nurse!: StaffMember;

  @Field(() => [SlotReasonEnum], { description: 'Why it ranks where it does.' })
  reasons!: SlotReason[];
}

@ArgsType()
class AvailableSlotsArgs implements AvailabilityRequest {
  @Field(() => ID, { description: 'The therapy order whose next dose to place.' })
  orderId!: string;

  @MaxItems(MAX_SEARCH_SITES)
  @Field(() => [ID], { nullable: true, description: `Sites of the order’s client to search (1 to ${MAX_SEARCH_SITES}); the order’s site when omitted.` })
  siteIds?: string[] | null;

  @Field(() => LocalDate, { description: 'First local date to search.' })
  from!: string;

  @Field(() => LocalDate, { description: `Last local date to search (inclusive; at most ${MAX_SEARCH_DAYS} days in all).` })
  to!: string;

  @Field(() => ID, { nullable: true, description: 'Only slots with this nurse.' })
  nurseId?: string | null;

  @InRange(1, MAX_SLOTS)
  @Field(() => Int, { nullable: true, description: `How many slots to return (${DEFAULT_SLOTS} when omitted, at most ${MAX_SLOTS}).` })
  first?: number | null;
}

@Resolver()
export class AvailabilityResolver {
  @Query(() => [AvailableSlot], {
    description:
      'Open slots for an order’s next dose at some sites over up to 31 days, ranked: earliest day, then the patient’s last nurse, then least fragmentation of the chair’s day. Every slot passes the booking rules (hours, chair, nurse qualified and on shift under the concurrent-chair limit, patient free, supervision, REMS, prior authorization).',
  })
  async availableSlots(@Args() args: AvailableSlotsArgs, @Ctx() ctx: RequestContext): Promise<AvailableSlot[]> {
    const slots = await availableSlots(ctx, graphBookingFacts(ctx), args);
    return slots.map((s) =>
      Object.assign(new AvailableSlot(), {
        rank: s.rank,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        date: s.date,
        site: stubOf(Site, s.siteId),
        chair: stubOf(Chair, s.chairId),
        nurse: stubOf(StaffMember, s.nurseId),
        reasons: s.reasons,
      }),
    );
  }
}
