import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

export const EQUIPMENT_STATUSES = ['IN_SERVICE', 'OUT_OF_SERVICE', 'RETIRED'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];
export const EquipmentStatusEnum = graphqlEnum(EQUIPMENT_STATUSES, 'EquipmentStatus', 'IN_SERVICE (usable), OUT_OF_SERVICE (awaiting repair) or RETIRED (gone for good).');

/** A piece of equipment at a site, e.g. an infusion pump with its service date. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'Equipment at a site, such as an infusion pump.' })
@Entity({ tableName: 'equipment' })
export class Equipment extends TenantEntity<'status' | 'serviceIntervalDays' | 'version'> {
  @Field(() => ID, { description: 'Site the equipment belongs to.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Kind of equipment, e.g. INFUSION_PUMP.' })
  @Property()
  kind!: string;

  @Field({ description: 'Make and model.' })
  @Property()
  model!: string;

  @Field({ description: 'Manufacturer serial number.' })
  @Property()
  serialNumber!: string;

  @Field(() => LocalDate, { description: 'Date the next preventive maintenance is due.' })
  @Property({ type: 'date' })
  nextServiceDue!: string;

  @Field(() => EquipmentStatusEnum, { description: 'Whether it may be used.' })
  @Property({ type: 'string' })
  status: EquipmentStatus = 'IN_SERVICE';

  @Field(() => Int, { description: 'Days between preventive maintenance visits; sets the next due date after a service.' })
  @Property()
  serviceIntervalDays: number = 365;

  // Optimistic lock: a change made from a stale copy fails instead of silently overwriting.
  @Field(() => Int, { description: 'Revision of the record; increases with every change.' })
  @Property({ version: true })
  version!: number;
}
