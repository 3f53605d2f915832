import { MaxItems, MaxText, Public, SignedIn, badInput, conflict, ConnectionType, PageArgs, paginate, type RequestContext, OPS_ROLES, type OpsRole } from '@infusion/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../references/client.stub';
import { OpsRoleEnum, OpsUser } from './ops-user.entity';
import { hashPassword, passwordProblem } from './password';
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
  @Field(() => [ID], { nullable: true, description: 'Limit the user to these clients; omit for all.' })
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
  @Mutation(() => SignInResult, { description: 'Signs an ops user in; repeated failures slow down and then lock the account.' })
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

  @Query(() => OpsUserConnection, { description: 'Ops users, by email (admins only).' })
  opsUsers(@Args() page: PageArgs, @Ctx() { em }: RequestContext) {
    return paginate(em, OpsUser, {}, page, 'email');
  }

  @Mutation(() => OpsUser, { description: 'Creates an ops user (admins only).' })
  async createOpsUser(@Arg('input', { description: 'The new user.' }) input: NewOpsUserInput, @Ctx() { em }: RequestContext): Promise<OpsUser> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badInput('That is not an email address', { argument: 'email' });
    if (!OPS_ROLES.includes(input.role)) throw badInput('Unknown role', { argument: 'role' });
    const problem = passwordProblem(input.password);
    if (problem) throw badInput(`The password ${problem}`, { argument: 'password' });
    if (await em.count(OpsUser, { email })) throw conflict('An ops user with that email exists', { email });
    const user = em.create(OpsUser, { email, displayName: input.displayName.trim(), role: input.role, clientIds: input.clientIds ?? null, passwordHash: await hashPassword(input.password) });
    await em.flush();
    return user;
  }

  @FieldResolver(() => [Client], { nullable: true, description: 'Clients the user is limited to; null means all.' })
  clients(@Root() user: OpsUser): Client[] | null {
    return user.clientIds?.map((id) => Object.assign(new Client(), { id })) ?? null;
  }
}
