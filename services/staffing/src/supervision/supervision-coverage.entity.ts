import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A supervising provider on site for a time range. Sites under DIRECT supervision (office,
 * "incident-to") must have one for every moment nurses infuse there.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A supervising provider (physician, NP or PA) present at a site for a time range, for sites that require direct supervision.' })
@Entity({ tableName: 'supervision_coverage' })
export class SupervisionCoverage extends TenantEntity {
  @Field(() => ID, { description: 'Site covered.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Supervising provider on site.' })
  @Property({ type: 'uuid' })
  providerId!: string;

  @Field({ description: 'When the coverage starts (UTC).' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field({ description: 'When the coverage ends (UTC).' })
  @Property({ type: 'datetime' })
  endsAt!: Date;
}
