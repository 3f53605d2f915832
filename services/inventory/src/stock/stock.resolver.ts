import { LocalDate, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Product } from '../products/product.entity';
import { Site } from '../references/site.stub';
import { ParLevel } from './par-level.entity';
import { StockLevel } from './stock-level.type';
import { stockAtSite } from './stock.service';

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => Site)
export class SiteStockResolver {
  @FieldResolver(() => [StockLevel], {
    description: 'Stock per product at the site (products with packages on hand or a par level), by product name.',
  })
  stock(
    @Root() site: Site,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => LocalDate, { nullable: true, description: 'Day that decides which lots count as expired; defaults to today (UTC).' })
    on?: string | null,
  ): Promise<StockLevel[]> {
    return stockAtSite(ctx, site.id, on ?? today());
  }
}

@Resolver(() => StockLevel)
export class StockLevelResolver {
  @FieldResolver(() => Product, { description: 'The product.' })
  async product(@Root() level: StockLevel, @Ctx() { loaders }: RequestContext): Promise<Product> {
    return loaders.require(Product, level.productId);
  }
}

@Resolver(() => ParLevel)
export class ParLevelResolver {
  @FieldResolver(() => Product, { description: 'The product the par level applies to.' })
  async product(@Root() par: ParLevel, @Ctx() { loaders }: RequestContext): Promise<Product> {
    return loaders.require(Product, par.productId);
  }

  @FieldResolver(() => Site, { description: 'The site the par level applies to.' })
  site(@Root() par: ParLevel): Site {
    return stubOf(Site, par.siteId);
  }
}
