import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import type { LineKind } from '@infusion/domain-codes';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LineKindEnum } from '../orders/order.entity';

/** A stop in an infusion: the time it does not count toward the administration codes. */
@ObjectType({ description: 'A pause in an infusion (e.g. for a reaction); paused time is not coded.' })
export class InfusionPause {
  @Field({ description: 'When the infusion was paused (UTC).' })
  pausedAt!: Date;

  @Field({ description: 'When it resumed (UTC).' })
  resumedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was paused.' })
  reason!: string | null;
}

/**
 * What the nurse recorded at the chair for one drug: the lot drawn from, the amount given and
 * wasted, the vials opened, and the infusion's start and stop. Inventory decrements the lot from
 * it, billing derives the administration codes (by time) and the JW/JZ waste lines.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A drug given at an appointment: lot, amounts given and wasted, vials opened, start and stop.' })
@Entity({ tableName: 'administration' })
export class Administration extends TenantEntity<'ivSite' | 'lineKind' | 'pauses' | 'pausedMinutes'> {
  @Field(() => ID, { description: 'Appointment at which the drug was given.' })
  @Property({ type: 'uuid' })
  appointmentId!: string;

  /** The appointment's site (kept equal by a foreign key): site limits apply to administrations through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Lot the drug was drawn from (inventory subgraph).' })
  @Property({ type: 'uuid' })
  lotId!: string;

  @Field(() => ID, { description: 'Drug given (inventory subgraph).' })
  @Property({ type: 'uuid' })
  productId!: string;

  @Field(() => Float, { description: 'Amount given to the patient, in the order’s dose unit.' })
  @Property({ type: new DecimalType('number') })
  amountGiven!: number;

  @Field(() => Float, { description: 'Amount opened but discarded (billed with JW, or JZ when zero).' })
  @Property({ type: new DecimalType('number') })
  amountWasted!: number;

  @Field(() => Int, { description: 'Vials (or bags, syringes) opened.' })
  @Property()
  vialsOpened!: number;

  @Field({ description: 'When the infusion started (UTC).' })
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field({ description: 'When the infusion stopped (UTC).' })
  @Property({ type: 'datetime' })
  endedAt!: Date;

  @Field(() => String, { nullable: true, description: 'IV site the drug ran through, e.g. "left forearm" (a separate site may be coded separately).' })
  @Property({ type: 'text', nullable: true })
  ivSite: string | null = null;

  @Field(() => LineKindEnum, { nullable: true, description: 'Administration family of this line for claim coding; null on lines recorded before it was kept.' })
  @Property({ type: 'string', nullable: true })
  lineKind: LineKind | null = null;

  @Field(() => [InfusionPause], { description: 'Pauses, in order; their time is not coded.' })
  @Property({ type: 'json' })
  pauses: InfusionPause[] = [];

  @Field(() => Int, { description: 'Minutes the infusion was paused.' })
  @Property()
  pausedMinutes: number = 0;
}
