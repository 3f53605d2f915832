import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/** An IV access used at the visit: where, and when it was placed and removed. */
@ObjectType({ description: 'An IV site used at a visit, with when it was started and removed.' })
export class IvSite {
  @Field({ description: 'Where, e.g. "left forearm", "port".' })
  location!: string;

  @Field({ description: 'When the line was started (UTC).' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was removed (UTC); null when left in (a port).' })
  removedAt!: Date | null;
}

/** One set of vital signs; any may be missing. */
@ObjectType({ description: 'Vital signs taken at a visit.' })
export class VitalSigns {
  @Field({ description: 'When they were taken (UTC).' })
  takenAt!: Date;

  @Field(() => Int, { nullable: true, description: 'Systolic blood pressure, mmHg.' })
  systolic!: number | null;

  @Field(() => Int, { nullable: true, description: 'Diastolic blood pressure, mmHg.' })
  diastolic!: number | null;

  @Field(() => Int, { nullable: true, description: 'Pulse, beats per minute.' })
  pulse!: number | null;

  @Field(() => Int, { nullable: true, description: 'Respirations per minute.' })
  respiratoryRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Temperature, °C.' })
  temperatureC!: number | null;

  @Field(() => Int, { nullable: true, description: 'Oxygen saturation, %.' })
  spo2!: number | null;
}

/** An infusion reaction and what was done. */
@ObjectType({ description: 'A reaction during or after an infusion, and what was done about it.' })
export class InfusionReaction {
  @Field({ description: 'When it was noticed (UTC).' })
  notedAt!: Date;

  @Field({ description: 'MILD, MODERATE or SEVERE.' })
  severity!: string;

  @Field({ description: 'What was seen.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'What was done (rate slowed, infusion stopped, medication given).' })
  actionTaken!: string | null;
}

/** What the nurse recorded about the visit as a whole when completing it (drug lines are Administrations). */
@ObjectType({ description: 'The visit’s administration record beyond its drug lines: IV sites, vitals, reactions.' })
@Entity({ tableName: 'visit_record' })
export class VisitRecord extends TenantEntity {
  @Field(() => ID, { description: 'The visit.' })
  @Property({ type: 'uuid' })
  appointmentId!: string;

  /** The visit's site (kept equal by a foreign key): site limits apply through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => [IvSite], { description: 'IV sites used, in the order started.' })
  @Property({ type: 'json' })
  ivSites!: IvSite[];

  @Field(() => [VitalSigns], { description: 'Vital signs, in the order taken.' })
  @Property({ type: 'json' })
  vitals!: VitalSigns[];

  @Field(() => [InfusionReaction], { description: 'Reactions, in the order noticed; empty when none.' })
  @Property({ type: 'json' })
  reactions!: InfusionReaction[];

  @Field({ description: 'When the record was completed (UTC).' })
  @Property({ type: 'datetime' })
  completedAt!: Date;
}
