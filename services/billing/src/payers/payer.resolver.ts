import type { RequestContext } from '@infusion/subgraph-kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import { Payer } from './payer.entity';

@Resolver(() => Payer)
export class PayerResolver {
  @Query(() => [Payer], { description: 'Every payer the operator bills, by name (a short catalogue, not paginated).' })
  payers(@Ctx() { em }: RequestContext): Promise<Payer[]> {
    return em.find(Payer, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }
}
