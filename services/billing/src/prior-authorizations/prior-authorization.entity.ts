import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PRIOR_AUTHORIZATION_STATUSES, remainingUnits, type PriorAuthorizationStatus } from './prior-authorization.rules';

export const PriorAuthorizationStatusEnum = graphqlEnum(
  PRIOR_AUTHORIZATION_STATUSES,
  'PriorAuthorizationStatus',
  'ACTIVE (usable), EXPIRED (past its dates), EXHAUSTED (every unit used) or DENIED by the payer.',
);

/** A payer's approval to give one drug to one patient at one site of care, for units within dates. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A prior authorization: a payer’s approval of a drug (HCPCS units) for a patient, dates and site of care.' })
@Entity({ tableName: 'prior_authorization' })
export class PriorAuthorization extends TenantEntity<'usedUnits' | 'approvedVisits' | 'remainingUnits'> {
  @Field(() => ID, { description: 'Patient authorized (owned by scheduling).' })
  @Property({ type: 'uuid' })
  patientId!: string;

  @Field(() => ID, { description: 'Payer that issued the authorization.' })
  @Property({ type: 'uuid' })
  payerId!: string;

  @Field(() => ID, { description: 'Site of care the payer approved (owned by facilities).' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Authorization number the payer issued; claims must quote it (else CO-15 / CO-197).' })
  @Property()
  authorizationNumber!: string;

  @Field({ description: 'HCPCS code of the drug authorized, e.g. J1745.' })
  @Property()
  hcpcsCode!: string;

  @Field(() => Int, { description: 'HCPCS billing units approved in total.' })
  @Property({ type: 'integer' })
  approvedUnits!: number;

  @Field(() => Int, { description: 'HCPCS billing units already given under this authorization.' })
  @Property({ type: 'integer' })
  usedUnits: number = 0;

  @Field(() => Int, { nullable: true, description: 'Visits approved, when the payer limits them; null = not limited.' })
  @Property({ type: 'integer', nullable: true })
  approvedVisits: number | null = null;

  @Field(() => LocalDate, { description: 'First day a dose may be given under it.' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDate, { description: 'Last day a dose may be given under it.' })
  @Property({ type: 'date' })
  validTo!: string;

  @Field(() => PriorAuthorizationStatusEnum, { description: 'Status as last recorded.' })
  @Property({ type: 'string' })
  status!: PriorAuthorizationStatus;

  @Field(() => Int, { description: 'HCPCS units still available (approved minus used).' })
  get remainingUnits(): number {
    return remainingUnits(this);
  }
}
