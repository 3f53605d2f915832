import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A validated skill or programme enrolment with an expiry; drugs may require one of the nurse. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A competency or certification a staff member holds, such as chemotherapy/biotherapy, port access, a REMS programme or BLS/ACLS.' })
@Entity({ tableName: 'competency' })
export class Competency extends TenantEntity {
  @Field(() => ID, { description: 'Staff member who holds the competency.' })
  @Property({ type: 'uuid' })
  staffMemberId!: string;

  @Field({ description: 'Kind, e.g. BIOTHERAPY, CHEMOTHERAPY, TOUCH_REMS, PORT_ACCESS, BLS, ACLS.' })
  @Property()
  kind!: string;

  @Field(() => LocalDate, { description: 'Last day the competency is valid.' })
  @Property({ type: 'date' })
  expiresOn!: string;
}
