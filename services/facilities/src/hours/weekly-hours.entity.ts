import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { formatClock } from './hours.rules';

/** One weekday of a site's regular hours; a weekday without a row is closed. */
@ObjectType({ description: 'The regular opening hours of a site on one weekday.' })
@Entity({ tableName: 'site_weekly_hours' })
export class WeeklyHours extends TenantEntity<'opensAt' | 'closesAt'> {
  @Field(() => ID, { description: 'Site these hours belong to.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' })
  @Property({ type: 'smallint' })
  weekday!: number;

  @Property()
  opensAtMinutes!: number;

  @Property()
  closesAtMinutes!: number;

  @Field({ description: 'Local opening time, HH:MM.' })
  get opensAt(): string {
    return formatClock(this.opensAtMinutes);
  }

  @Field({ description: 'Local closing time, HH:MM (24:00 = midnight).' })
  get closesAt(): string {
    return formatClock(this.closesAtMinutes);
  }
}
