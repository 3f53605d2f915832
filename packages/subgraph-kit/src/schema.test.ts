import 'reflect-metadata';
import { graphql, isObjectType, type GraphQLSchema } from 'graphql';
import { Field, ID, ObjectType, Query, Resolver, UseMiddleware } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { RequiresScopes } from './auth/directives';
import type { Principal } from './auth/principal';
import { createErrorFormatter } from './errors';
import { buildFederatedSchema } from './schema';

@ObjectType({ description: 'A base class, as the kit’s entities have.' })
abstract class BaseRecord {
  @Field(() => ID, { description: 'Id.' })
  id = 'r1';

  @Field(() => String, { description: 'Plain in the base, with a middleware in the subclass.' })
  label = 'plain';

  @RequiresScopes('fees:read')
  @Field(() => String, { description: 'Needs its own scope.' })
  note = 'hidden';
}

@ObjectType({ description: 'A record.' })
class Ledger extends BaseRecord {
  @Field(() => String, { description: 'Its own plain field.' })
  name = 'ledger';

  @UseMiddleware(async (_data, next) => String(await next()).toUpperCase())
  @Field(() => String, { description: 'Redeclared with a middleware.' })
  override label = 'shouted';
}

@Resolver()
class LedgerResolver {
  @Query(() => Ledger, { description: 'A ledger.' })
  ledger(): Ledger {
    return new Ledger();
  }
}

const principal = (scopes: Principal['scopes']): Principal => ({ kind: 'OPS_USER', id: 'u1', credentialId: null, name: 'tester', role: 'ADMIN', clientIds: null, siteIds: null, scopes });

describe('plain fields read directly, inherited ones included', () => {
  let schema: GraphQLSchema;
  const format = createErrorFormatter(() => undefined);
  const run = async (source: string, scopes: Principal['scopes'] = ['billing:read']) => {
    const result = await graphql({ schema, source, contextValue: { caller: { principal: principal(scopes) } } });
    return { data: result.data, errors: result.errors?.map((e) => format(e.toJSON(), e)) };
  };

  beforeAll(async () => {
    ({ schema } = await buildFederatedSchema({ resolvers: [LedgerResolver], references: {} }, { read: 'billing:read', write: 'billing:write' }));
  });

  it('answers an inherited plain field at once, without the middleware chain', async () => {
    const type = schema.getType('Ledger');
    if (!isObjectType(type)) throw new Error('no Ledger type');
    const info = (fieldName: string) => ({ fieldName, parentType: type, returnType: type.getFields()[fieldName]!.type }) as never;
    const read = (field: string) => type.getFields()[field]!.resolve!(new Ledger(), {}, { caller: { principal: principal([]) } }, info(field));
    // The global middlewares make every field a promise; a plain field is its value.
    expect(read('id')).toBe('r1');
    expect(read('name')).toBe('ledger');
    for (const guarded of [read('label'), read('note')]) {
      expect(guarded).toBeInstanceOf(Promise);
      await (guarded as Promise<unknown>).catch(() => undefined);
    }
  });

  it('keeps a subclass’s own middleware and a base field’s access rule', async () => {
    expect((await run('{ ledger { id name label } }')).data).toEqual({ ledger: { id: 'r1', name: 'ledger', label: 'SHOUTED' } });
    expect((await run('{ ledger { note } }')).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await run('{ ledger { note } }', ['billing:read', 'fees:read'])).data).toEqual({ ledger: { note: 'hidden' } });
  });
});
