import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A site's enrolment in a REMS programme (e.g. TOUCH for natalizumab): without a current one the
 * site may not give the drug, so scheduling asks for it when it books.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A site’s enrolment in a Risk Evaluation and Mitigation Strategy (REMS) programme, e.g. TOUCH for natalizumab.' })
@Entity({ tableName: 'rems_enrolment' })
export class RemsEnrolment extends TenantEntity<'enrolmentNumber' | 'expiresOn'> {
  @Field(() => ID, { description: 'Site enrolled.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Programme code, e.g. TOUCH.' })
  @Property()
  programme!: string;

  @Field(() => String, { nullable: true, description: 'The programme’s enrolment or authorisation number for the site.' })
  @Property({ type: 'string', nullable: true })
  enrolmentNumber: string | null = null;

  @Field(() => LocalDate, { description: 'Date the site was enrolled.' })
  @Property({ type: 'date' })
  enrolledOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date the enrolment lapses unless renewed; null when it does not lapse.' })
  @Property({ type: 'date', nullable: true })
  expiresOn: string | null = null;
}
