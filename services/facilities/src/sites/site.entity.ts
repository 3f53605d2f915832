import { Entity, Property } from '@mikro-orm/core';
import { SITE_KINDS, type ClaimForm, type SiteKind, type SupervisionLevel } from '@infusion/domain-codes';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

export const SITE_STATUSES = ['OPEN', 'CLOSED'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export const SiteStatusEnum = graphqlEnum(SITE_STATUSES, 'SiteStatus', 'OPEN while the operator runs the site; CLOSED for good (its chairs retired).');

export const SiteKindEnum = graphqlEnum(SITE_KINDS, 'SiteKind', 'Kind of infusion site; decides the default place of service, claim form and supervision rule.');
export const ClaimFormEnum = graphqlEnum(['PROFESSIONAL', 'INSTITUTIONAL'] satisfies ClaimForm[], 'ClaimForm', 'Professional (837P / CMS-1500) or institutional (837I / UB-04).');
export const SupervisionEnum = graphqlEnum(
  ['DIRECT', 'GENERAL', 'NONE'] satisfies SupervisionLevel[],
  'SupervisionLevel',
  'Medicare supervision required during infusions: DIRECT (office, incident-to), GENERAL (hospital outpatient), NONE.',
);

/** An infusion center run for a client. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An infusion center (site of care) of a client.' })
@Entity({ tableName: 'site' })
export class Site extends TenantEntity<'status' | 'closedAt' | 'closeReason' | 'supervisionOverrideReason' | 'version' | 'chairsPerNurse'> {
  @Field({ description: 'Display name.' })
  @Property()
  name!: string;

  @Field(() => SiteKindEnum, { description: 'Kind of site of care.' })
  @Property({ type: 'string' })
  kind!: SiteKind;

  @Field({ description: 'CMS place-of-service code printed on claims (11, 12, 19, 22, 49).' })
  @Property({ length: 2 })
  placeOfService!: string;

  @Field(() => ClaimFormEnum, { description: 'Claim form this site bills on.' })
  @Property({ type: 'string' })
  claimForm!: ClaimForm;

  @Field(() => SupervisionEnum, { description: 'Supervision Medicare requires while infusing here.' })
  @Property({ type: 'string' })
  supervision!: SupervisionLevel;

  @Field({ description: 'IANA time zone of the site, e.g. America/Chicago; appointment times are UTC.' })
  @Property()
  timeZone!: string;

  @Field({ description: 'Street address.' })
  @Property()
  street!: string;

  @Field({ description: 'City.' })
  @Property()
  city!: string;

  @Field({ description: 'Two-letter US state; nurses need a licence that covers it.' })
  @Property({ length: 2 })
  state!: string;

  @Field({ description: 'ZIP code.' })
  @Property()
  postalCode!: string;

  @Field(() => Float, { description: 'Staffing target: chairs one RN covers at this site.' })
  @Property({ type: 'double' })
  chairsPerNurse: number = 3;

  @Field(() => String, { nullable: true, description: 'Why the supervision rule differs from the default for the site’s kind; null when it is the default.' })
  @Property({ type: 'text', nullable: true })
  supervisionOverrideReason: string | null = null;

  @Field(() => SiteStatusEnum, { description: 'OPEN or CLOSED.' })
  @Property({ type: 'string' })
  status: SiteStatus = 'OPEN';

  @Field(() => Date, { nullable: true, description: 'When the site was closed (UTC); null while open.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the site was closed.' })
  @Property({ type: 'text', nullable: true })
  closeReason: string | null = null;

  // Optimistic lock: a change made from a stale copy fails instead of silently overwriting.
  @Field(() => Int, { description: 'Revision of the record; increases with every change.' })
  @Property({ version: true })
  version!: number;
}
