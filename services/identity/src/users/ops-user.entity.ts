import { ArrayType, Entity, Property } from '@mikro-orm/core';
import { BaseEntity, OPS_ROLES, type OpsRole } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const OpsRoleEnum = Object.fromEntries(OPS_ROLES.map((r) => [r, r])) as { [K in OpsRole]: K };
registerEnumType(OpsRoleEnum, {
  name: 'OpsRole',
  description: 'What an ops user may do: ADMIN everything; OPERATIONS run sites; FINANCE billing and fees; READ_ONLY look.',
});

/** A person on the management company's staff who signs in to the console. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A member of the operator’s staff who signs in to the console.' })
@Entity({ tableName: 'ops_user' })
export class OpsUser extends BaseEntity<'active' | 'failedSignIns' | 'lockedUntil' | 'lastSignInAt' | 'clientIds'> {
  @Field({ description: 'Sign-in email, unique, lower case.' })
  @Property()
  email!: string;

  @Field({ description: 'Name shown in the console and the audit trail.' })
  @Property()
  displayName!: string;

  @Field(() => OpsRoleEnum, { description: 'Role; decides the scopes.' })
  @Property({ type: 'string' })
  role!: OpsRole;

  @Field(() => [ID], { nullable: true, description: 'Clients this user is limited to; null means every client.' })
  @Property({ type: ArrayType, nullable: true })
  clientIds: string[] | null = null;

  @Property({ hidden: true })
  passwordHash!: string;

  @Field({ description: 'False when the user may no longer sign in.' })
  @Property()
  active: boolean = true;

  @Property()
  failedSignIns: number = 0;

  @Field(() => Date, { nullable: true, description: 'Sign-in is refused until then after repeated failures.' })
  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  @Property({ type: 'datetime', nullable: true })
  lastSignInAt: Date | null = null;
}
