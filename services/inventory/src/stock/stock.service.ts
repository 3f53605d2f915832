import { isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { Lot } from '../lots/lot.entity';
import { Product } from '../products/product.entity';
import { ParLevel } from './par-level.entity';
import { StockLevel } from './stock-level.type';
import { parStatus, stockByProduct } from './stock.rules';

/**
 * Stock levels of many sites at once: one SELECT of lots with stock, one of par levels and one
 * of products, however many sites the request asks about (the gateway sends one Site
 * representation per occurrence).
 */
export function stockAtSite(ctx: RequestContext, siteId: string, on: string): Promise<StockLevel[]> {
  return ctx.loaders
    .custom<string, StockLevel[]>(`stockAtSite:${on}`, async (siteIds) => {
      const ids = [...new Set(siteIds)].filter(isUuid);
      if (ids.length === 0) return siteIds.map(() => []);
      const lots = await ctx.em.find(Lot, { siteId: { $in: ids }, quantityOnHand: { $gt: 0 } });
      const parLevels = await ctx.em.find(ParLevel, { siteId: { $in: ids } });
      const productIds = [...new Set([...lots.map((l) => l.productId), ...parLevels.map((p) => p.productId)])];
      const products = new Map(
        (await ctx.loaders.byId(Product).loadMany(productIds)).filter((p): p is Product => p instanceof Product).map((p) => [p.id, p]),
      );

      const bySite = new Map<string, StockLevel[]>();
      for (const id of ids) {
        const stock = stockByProduct(lots.filter((l) => l.siteId === id), on);
        const pars = new Map(parLevels.filter((p) => p.siteId === id).map((p) => [p.productId, p]));
        const levels = [...new Set([...stock.keys(), ...pars.keys()])]
          .filter((productId) => products.has(productId))
          .map((productId) => {
            const { onHand, expired } = stock.get(productId) ?? { onHand: 0, expired: 0 };
            const parLevel = pars.get(productId) ?? null;
            return Object.assign(new StockLevel(), { productId, quantityOnHand: onHand, quantityExpired: expired, parLevel, ...parStatus(onHand, parLevel) });
          });
        levels.sort((a, b) => products.get(a.productId)!.name.localeCompare(products.get(b.productId)!.name));
        bySite.set(id, levels);
      }
      return siteIds.map((id) => bySite.get(id) ?? []);
    })
    .load(siteId);
}
