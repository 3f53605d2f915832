import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A piece of equipment at a site, e.g. an infusion pump with its service date. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'Equipment at a site, such as an infusion pump.' })
@Entity({ tableName: 'equipment' })
export class Equipment extends TenantEntity {
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
}
