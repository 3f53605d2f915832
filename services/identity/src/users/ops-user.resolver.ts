import { MaxItems, MaxText, Public, SignedIn, ConnectionType, PageArgs, paginate, type RequestContext, type OpsRole, stubOf } from '@infusion/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../references/client.stub';
import { OpsRoleEnum, OpsUser } from './ops-user.entity';
import { createOpsUser, setOpsUserActive, updateOpsUser } from './ops-user.service';
import { signIn, signOut } from './sign-in.service';

const OpsUserConnection = ConnectionType(OpsUser, 'OpsUser');

@ObjectType({ description: 'A console session: send the token as `Authorization: Bearer <token>`.' })
class SignInResult {
  @Field({ description: 'Session token, shown once.' })
  token!: string;

  @Field({ description: 'When the session ends.' })
  expiresAt!: Date;

  @Field(() => OpsUser, { description: 'Who signed in.' })
  user!: OpsUser;
}

@ObjectType({ description: 'The caller, as the gateway authenticated them.' })
class Viewer {
  @Field({ description: 'OPS_USER or API_KEY.' })
  kind!: string;

  @Field(() => ID, { description: 'Ops user or API key id.' })
  id!: string;

  @Field({ description: 'Email or key name.' })
  name!: string;

  @Field(() => OpsRoleEnum, { nullable: true, description: 'Ops role, for ops users.' })
  role!: OpsRole | null;

  @Field(() => [ID], { nullable: true, description: 'Clients the caller is limited to; null means all.' })
  clientIds!: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Sites the caller is limited to; null means all.' })
  siteIds!: string[] | null;

  @Field(() => [String], { description: 'What the caller may do.' })
  scopes!: string[];
}

@InputType({ description: 'A new ops user.' })
class NewOpsUserInput {
  @MaxText('email')
  @Field({ description: 'Sign-in email.' })
  email!: string;

  @MaxText('name')
  @Field({ description: 'Name shown in the console.' })
  displayName!: string;

  @Field(() => OpsRoleEnum, { description: 'Role.' })
  role!: OpsRole;

  @MaxText('password')
  @Field({ description: 'Initial password: at least 12 characters, letters and digits or symbols.' })
  password!: string;

  @MaxItems(500)
  @Field(() => [ID], { nullable: true, description: 'Limit the user to these clients (ones you hold yourself); omit for all, which only an unrestricted caller may give.' })
  clientIds?: string[] | null;
}

@InputType({ description: 'Changes to an ops user; a field left out stays as it is.' })
class OpsUserChangesInput {
  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'New name shown in the console.' })
  displayName?: string | null;

  @Field(() => OpsRoleEnum, { nullable: true, description: 'New role (one whose scopes you hold yourself).' })
  role?: OpsRole | null;

  @MaxItems(500)
  @Field(() => [ID], { nullable: true, description: 'New client limits (clients you hold yourself); null removes the limit, which only an unrestricted caller may do.' })
  clientIds?: string[] | null;
}

@ArgsType()
class SignInArgs {
  @MaxText('email')
  @Field({ description: 'Sign-in email.' })
  email!: string;

  @MaxText('password')
  @Field({ description: 'Password.' })
  password!: string;
}

@Resolver(() => OpsUser)
export class OpsUserResolver {
  @Public()
  @Mutation(() => SignInResult, {
    description: 'Signs an ops user in. Every failure gets the same UNAUTHENTICATED answer; repeated failures from one address make that address wait, without locking the account for anyone else.',
  })
  async signIn(@Args() { email, password }: SignInArgs, @Ctx() ctx: RequestContext): Promise<SignInResult> {
    const { token, session, user } = await signIn(ctx, email, password);
    return Object.assign(new SignInResult(), { token, expiresAt: session.expiresAt, user });
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Ends the caller’s session. False when the caller has no session (e.g. an API key).' })
  signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    return signOut(ctx);
  }

  @SignedIn()
  @Query(() => Viewer, { description: 'Who the caller is and what they may do.' })
  viewer(@Ctx() { caller }: RequestContext): Viewer {
    const { kind, id, name, role, clientIds, siteIds, scopes } = caller.principal;
    return Object.assign(new Viewer(), { kind, id, name, role, clientIds, siteIds, scopes });
  }

  @Query(() => OpsUserConnection, { description: 'Ops users, by email (admins only): those within your own client limits.' })
  opsUsers(@Args() page: PageArgs, @Ctx() { em }: RequestContext) {
    return paginate(em, OpsUser, {}, page, 'email');
  }

  @Mutation(() => OpsUser, { description: 'Creates an ops user (admins only) with a role and client limits you hold yourself.' })
  createOpsUser(@Arg('input', { description: 'The new user.' }) input: NewOpsUserInput, @Ctx() ctx: RequestContext): Promise<OpsUser> {
    return createOpsUser(ctx, input);
  }

  @Mutation(() => OpsUser, { description: 'Changes an ops user’s name, role or client limits (admins only), never beyond your own.' })
  updateOpsUser(
    @Arg('id', () => ID, { description: 'User to change.' }) id: string,
    @Arg('input', { description: 'What to change.' }) input: OpsUserChangesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OpsUser> {
    return updateOpsUser(ctx, id, input);
  }

  @Mutation(() => OpsUser, { description: 'Stops an ops user from signing in and ends their sessions (admins only).' })
  deactivateOpsUser(@Arg('id', () => ID, { description: 'User to deactivate.' }) id: string, @Ctx() ctx: RequestContext): Promise<OpsUser> {
    return setOpsUserActive(ctx, id, false);
  }

  @Mutation(() => OpsUser, { description: 'Lets a deactivated ops user sign in again (admins only).' })
  reactivateOpsUser(@Arg('id', () => ID, { description: 'User to reactivate.' }) id: string, @Ctx() ctx: RequestContext): Promise<OpsUser> {
    return setOpsUserActive(ctx, id, true);
  }

  @FieldResolver(() => [Client], { nullable: true, description: 'Clients the user is limited to; null means all.' })
  clients(@Root() user: OpsUser): Client[] | null {
    return user.clientIds?.map((id) => stubOf(Client, id)) ?? null;
  }
}
