import { InRange, MaxText } from '@infusion/subgraph-kit';
import type { ClaimForm, SiteKind, SupervisionLevel } from '@infusion/domain-codes';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ClaimFormEnum, SiteKindEnum, SupervisionEnum } from './site.entity';

@InputType({ description: 'A new site of a client. Place of service, claim form and supervision default from the kind.' })
export class CreateSiteInput {
  @Field(() => ID, { description: 'Client the site belongs to.' })
  clientId!: string;

  @MaxText('name')
  @Field({ description: 'Display name, unique within the client.' })
  name!: string;

  @Field(() => SiteKindEnum, { description: 'Kind of site of care.' })
  kind!: SiteKind;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Place-of-service code; the kind’s default when omitted; must agree with the kind.' })
  placeOfService?: string | null;

  @Field(() => ClaimFormEnum, { nullable: true, description: 'Claim form; follows the place of service when omitted; must agree with the kind.' })
  claimForm?: ClaimForm | null;

  @Field(() => SupervisionEnum, { nullable: true, description: 'Supervision rule; the kind’s default when omitted. Another rule needs `supervisionReason`.' })
  supervision?: SupervisionLevel | null;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Why the supervision rule differs from the kind’s default (recorded).' })
  supervisionReason?: string | null;

  @MaxText('name')
  @Field({ description: 'IANA time zone, e.g. America/Chicago.' })
  timeZone!: string;

  @MaxText('name')
  @Field({ description: 'Street address.' })
  street!: string;

  @MaxText('name')
  @Field({ description: 'City.' })
  city!: string;

  @MaxText('code')
  @Field({ description: 'Two-letter US state.' })
  state!: string;

  @MaxText('code')
  @Field({ description: 'ZIP code, 12345 or 12345-6789.' })
  postalCode!: string;

  @InRange(0.5, 10)
  @Field(() => Float, { nullable: true, description: 'Chairs one RN covers (0.5–10); 3 when omitted.' })
  chairsPerNurse?: number | null;
}

@InputType({ description: 'Changes to a site; fields left out stay as they are. Kind, place of service and claim form are checked together.' })
export class UpdateSiteInput {
  @Field(() => ID, { description: 'The site to change.' })
  id!: string;

  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change (CONFLICT) if it has moved on.' })
  expectedVersion?: number | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => SiteKindEnum, { nullable: true, description: 'Kind of site; with a new kind, place of service and claim form follow its defaults unless given.' })
  kind?: SiteKind | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Place-of-service code.' })
  placeOfService?: string | null;

  @Field(() => ClaimFormEnum, { nullable: true, description: 'Claim form.' })
  claimForm?: ClaimForm | null;

  @Field(() => SupervisionEnum, { nullable: true, description: 'Supervision rule; another than the kind’s default needs `supervisionReason`.' })
  supervision?: SupervisionLevel | null;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Why the supervision rule differs from the kind’s default (recorded).' })
  supervisionReason?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  timeZone?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Street address.' })
  street?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Two-letter US state.' })
  state?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'ZIP code.' })
  postalCode?: string | null;

  @InRange(0.5, 10)
  @Field(() => Float, { nullable: true, description: 'Chairs one RN covers (0.5–10).' })
  chairsPerNurse?: number | null;
}
