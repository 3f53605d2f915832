import { NDC_11_PATTERN } from '@infusion/domain-codes';
import { ConnectionType, badInput, notFound, paginate, whereEquals, type RequestContext } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import { doseProblem, dosingFor } from './dosing.rules';
import { Dosing } from './dosing.type';
import { Product } from './product.entity';
import { ProductFilter } from './product.input';
import { productSearch } from './product.search';

const ProductConnection = ConnectionType(Product, 'Product');

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: 'The drug and supply catalogue, by name.' })
  products(@Args() filter: ProductFilter, @Ctx() { em }: RequestContext) {
    const where: FilterQuery<Product>[] = [whereEquals<Product>({ kind: filter.kind })];
    if (filter.search?.trim()) where.push(productSearch(filter.search));
    return paginate(em, Product, { $and: where }, filter, 'name');
  }

  @Query(() => Product, { description: 'One catalogue product.' })
  async product(@Arg('id', () => ID, { description: 'Product id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Product> {
    return loaders.require(Product, id);
  }

  @Query(() => Product, { description: 'The catalogue product with this NDC-11 (5-4-2 format, e.g. 57894-0030-01).' })
  async productByNdc(@Arg('ndc', { description: 'National Drug Code in 5-4-2 format.' }) ndc: string, @Ctx() { em }: RequestContext): Promise<Product> {
    if (!NDC_11_PATTERN.test(ndc)) throw badInput('An NDC-11 is written 5-4-2, e.g. 57894-0030-01', { argument: 'ndc' });
    return (await em.findOne(Product, { ndc })) ?? Promise.reject(notFound('Product', ndc));
  }

  @FieldResolver(() => Dosing, { description: 'Vials to open, HCPCS units and JW/JZ waste for one dose of this product.' })
  dosing(@Root() product: Product, @Arg('dose', () => Float, { description: 'The dose, in the product’s dose unit (e.g. 350 for 350 mg).' }) dose: number): Dosing {
    const problem = doseProblem(product, dose);
    if (problem) throw badInput(problem, { argument: 'dose' });
    return Dosing.of(dosingFor(product, dose));
  }
}
