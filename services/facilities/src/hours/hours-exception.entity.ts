import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { formatClock } from './hours.rules';

/** A dated change to a site's regular hours: closed for a holiday, or a short day. */
@ObjectType({ description: 'A dated exception to a site’s weekly hours: closed (a holiday) or different hours (a short day).' })
@Entity({ tableName: 'site_hours_exception' })
export class HoursException extends TenantEntity<'note' | 'opensAtMinutes' | 'closesAtMinutes' | 'opensAt' | 'closesAt'> {
  @Field(() => ID, { description: 'Site it applies to.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'Local date it applies to.' })
  @Property({ type: 'date' })
  date!: string;

  @Field({ description: 'True when the site is closed all day.' })
  @Property()
  closed!: boolean;

  @Property({ type: 'integer', nullable: true })
  opensAtMinutes: number | null = null;

  @Property({ type: 'integer', nullable: true })
  closesAtMinutes: number | null = null;

  @Field(() => String, { nullable: true, description: 'Why, e.g. "Thanksgiving" or "Staff training afternoon".' })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => String, { nullable: true, description: 'Local opening time that day, HH:MM; null when closed.' })
  get opensAt(): string | null {
    return this.opensAtMinutes === null ? null : formatClock(this.opensAtMinutes);
  }

  @Field(() => String, { nullable: true, description: 'Local closing time that day, HH:MM; null when closed.' })
  get closesAt(): string | null {
    return this.closesAtMinutes === null ? null : formatClock(this.closesAtMinutes);
  }
}
