import { ConnectionType, MaxItems, MaxText, PageArgs, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../references/client.stub';
import { ApiKey } from './api-key.entity';
import { createApiKey, revokeApiKey, rotateApiKey } from './api-key.service';

const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

@ObjectType({ description: 'A newly issued key. The secret is shown only here, once.' })
class IssuedApiKey {
  @Field(() => ApiKey, { description: 'The key’s record.' })
  apiKey!: ApiKey;

  @Field({ description: 'The full key: store it now, it cannot be shown again.' })
  secret!: string;
}

@InputType({ description: 'A new API key for a client practice.' })
class NewApiKeyInput {
  @Field(() => ID, { description: 'Client the key belongs to.' })
  clientId!: string;

  @MaxText('name')
  @Field({ description: 'Name, e.g. "EHR integration".' })
  name!: string;

  @MaxItems(50)
  @MaxText('code', { each: true })
  @Field(() => [String], { description: 'Scopes, e.g. ["scheduling:read"].' })
  scopes!: string[];

  @MaxItems(500)
  @Field(() => [ID], { nullable: true, description: 'Limit to these sites of the client; omit for all.' })
  siteIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; omit for never.' })
  expiresAt?: Date | null;
}

const issued = (r: { apiKey: ApiKey; secret: string }) => Object.assign(new IssuedApiKey(), r);

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys, newest first by name; optionally of one client (admins only).' })
  apiKeys(
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s keys.' }) clientId?: string,
  ) {
    return paginate(em, ApiKey, whereEquals<ApiKey>({ clientId }), page, 'name');
  }

  @Query(() => ApiKey, { description: 'One API key (admins only).' })
  async apiKey(@Arg('id', () => ID, { description: 'Key id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<ApiKey> {
    return loaders.require(ApiKey, id);
  }

  @Mutation(() => IssuedApiKey, { description: 'Issues a key to a client practice; the secret is returned once.' })
  async createApiKey(@Arg('input', { description: 'The key to issue.' }) input: NewApiKeyInput, @Ctx() ctx: RequestContext): Promise<IssuedApiKey> {
    return issued(await createApiKey(ctx, input));
  }

  @Mutation(() => IssuedApiKey, { description: 'Issues a replacement key; the old one keeps working for the grace period, then expires.' })
  async rotateApiKey(
    @Arg('id', () => ID, { description: 'Key to replace.' }) id: string,
    @Arg('graceSeconds', () => Int, { defaultValue: 86_400, description: 'How long the old key keeps working (at most 30 days).' }) graceSeconds: number,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedApiKey> {
    return issued(await rotateApiKey(ctx, id, graceSeconds));
  }

  @Mutation(() => ApiKey, { description: 'Revokes a key; every gateway refuses it within seconds.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'Key to revoke.' }) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return revokeApiKey(ctx, id);
  }

  @FieldResolver(() => Client, { description: 'The client practice the key belongs to.' })
  client(@Root() key: ApiKey): Client {
    return stubOf(Client, key.clientId);
  }
}
