import { isExpired } from '../lots/lot.rules';

/** What the stock rules need of a lot. */
export interface LotStock {
  productId: string;
  expiresOn: string;
  quantityOnHand: number;
}

export interface ProductStock {
  /** Packages in lots usable on the day. */
  onHand: number;
  /** Packages still on the shelf in lots already expired: to be pulled, never given. */
  expired: number;
}

/** Packages per product on a day, expired lots counted apart. */
export function stockByProduct(lots: readonly LotStock[], on: string): Map<string, ProductStock> {
  const totals = new Map<string, ProductStock>();
  for (const lot of lots) {
    const total = totals.get(lot.productId) ?? { onHand: 0, expired: 0 };
    if (isExpired(lot.expiresOn, on)) total.expired += lot.quantityOnHand;
    else total.onHand += lot.quantityOnHand;
    totals.set(lot.productId, total);
  }
  return totals;
}

export interface Par {
  minimum: number;
  target: number;
}

/** Below par means under the reorder point; the order brings stock back up to the target. */
export function parStatus(onHand: number, par: Par | null | undefined): { belowPar: boolean; reorderQuantity: number } {
  if (!par || onHand >= par.minimum) return { belowPar: false, reorderQuantity: 0 };
  return { belowPar: true, reorderQuantity: Math.max(0, par.target - onHand) };
}
