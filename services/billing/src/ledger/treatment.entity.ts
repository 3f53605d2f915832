import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FEES_READ } from '../contracts/management-contract.entity';
import { TherapyClassEnum } from '../contracts/fee-tier.entity';
import type { TherapyClass } from '../fees/fee.rules';

/**
 * A billable treatment in billing's own ledger: one completed administration, as billing learnt
 * it from AdministrationCompleted (its id is the administration's). What fees count, and what an
 * invoice line drills down to. Carries no patient data in the graph (the patient id stays here).
 */
@Directive(FEES_READ)
@ObjectType({ description: 'A treatment billing counts toward management fees: one completed administration.' })
@Entity({ tableName: 'treatment' })
export class BillableTreatment extends TenantEntity<'payerId'> {
  @Field(() => ID, { description: 'The site where the dose was given.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'The day it was given, in the site’s time zone.' })
  @Property({ type: 'date' })
  serviceDate!: string;

  @Field(() => TherapyClassEnum, { description: 'The class it counts in for fees.' })
  @Property({ type: 'string' })
  therapyClass!: TherapyClass;

  @Field(() => ID, { nullable: true, description: 'Payer of the patient’s primary coverage on the service date; null when none was on file.' })
  @Property({ type: 'uuid', nullable: true })
  payerId: string | null = null;

  @Property({ type: 'string' })
  lineKind!: string;

  @Property({ type: 'string' })
  indicationFamily!: string;

  @Property({ type: 'uuid' })
  patientId!: string;

  @Property({ type: 'uuid' })
  orderId!: string;

  @Property({ type: 'uuid' })
  productId!: string;

  @Property({ type: 'uuid' })
  appointmentId!: string;

  @Field({ description: 'When the administration was completed (UTC).' })
  @Property({ type: 'datetime' })
  completedAt!: Date;

  @Property({ type: 'uuid' })
  eventId!: string;
}
