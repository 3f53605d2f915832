import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';

export const MAINTENANCE_KINDS = ['PREVENTIVE', 'REPAIR', 'CALIBRATION', 'INSPECTION'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];
export const MaintenanceKindEnum = graphqlEnum(MAINTENANCE_KINDS, 'MaintenanceKind', 'What a maintenance visit was: PREVENTIVE, REPAIR, CALIBRATION or INSPECTION.');

/** One maintenance visit of a piece of equipment; the history is append-only. */
@ObjectType({ description: 'A maintenance visit recorded for a piece of equipment.' })
@Entity({ tableName: 'equipment_service' })
export class MaintenanceRecord extends TenantEntity<'notes'> {
  @Field(() => ID, { description: 'Site of the equipment.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Equipment serviced.' })
  @Property({ type: 'uuid' })
  equipmentId!: string;

  @Field(() => LocalDate, { description: 'Date of the visit.' })
  @Property({ type: 'date' })
  servicedOn!: string;

  @Field(() => MaintenanceKindEnum, { description: 'What was done.' })
  @Property({ type: 'string' })
  kind!: MaintenanceKind;

  @Field({ description: 'Who did it (technician or vendor).' })
  @Property()
  performedBy!: string;

  @Field(() => String, { nullable: true, description: 'Findings and work done.' })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => LocalDate, { description: 'Next preventive maintenance due, as set by this visit.' })
  @Property({ type: 'date' })
  nextServiceDue!: string;
}
