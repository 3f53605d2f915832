import { MaxText, graphqlEnum } from '@infusion/subgraph-kit';
import { Field, InputType } from 'type-graphql';
import { BOOKING_RULE_CODES, type BookingRuleCode, type RuleOverride } from './booking.rules';

export const BookingRuleCodeEnum = graphqlEnum(
  BOOKING_RULE_CODES,
  'BookingRuleCode',
  'A booking rule: SITE_CLOSED, CHAIR_OUT_OF_SERVICE, NURSE_NOT_QUALIFIED, REMS_SITE_NOT_ENROLLED (hard); SUPERVISION_NOT_COVERED, REMS_PRESCRIBER_UNVERIFIED, PRIOR_AUTH_MISSING, PRIOR_AUTH_UNITS_EXHAUSTED (soft: ops may override with a reason).',
);

@InputType({ description: 'A soft booking rule ops book past, with the reason (recorded and audited with the visit). Hard rules are never overridden.' })
export class BookingRuleOverrideInput implements RuleOverride {
  @Field(() => BookingRuleCodeEnum, { description: 'The rule overridden.' })
  code!: BookingRuleCode;

  @MaxText('freeText')
  @Field({ description: 'Why the visit is booked anyway (e.g. "renewal submitted, payer confirmed by phone").' })
  reason!: string;
}
