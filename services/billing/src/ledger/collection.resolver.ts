import { Money, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Collection } from './collection.entity';
import { PostCollectionInput } from './collection.input';
import { CollectionImport, importCollections, postCollection } from './collection.service';

@Resolver(() => Collection)
export class CollectionResolver {
  @Mutation(() => Collection, { description: 'Posts a payment a site received to the collections ledger (and its daily rollup).' })
  postCollection(@Arg('input', () => PostCollectionInput, { description: 'The payment.' }) input: PostCollectionInput, @Ctx() ctx: RequestContext): Promise<Collection> {
    return postCollection(ctx, input);
  }

  @Mutation(() => CollectionImport, {
    description:
      'Imports collections from CSV text with the header `site_id,received_on,amount,reference` (at most 500 rows, 10,000 characters). Every row is checked first; one bad row refuses the whole file (BAD_USER_INPUT or NOT_FOUND naming its line).',
  })
  importCollections(@Arg('csv', { description: 'The CSV text.' }) csv: string, @Ctx() ctx: RequestContext): Promise<CollectionImport> {
    return importCollections(ctx, csv);
  }

  @FieldResolver(() => Money, { description: 'Amount received.' })
  amount(@Root() collection: Collection): Money {
    return Money.usd(collection.amount);
  }
}
