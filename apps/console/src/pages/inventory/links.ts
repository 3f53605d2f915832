/** Addresses of the inventory pages with their filters, so other pages (the overview) can link into them. */
export function stockLink(siteId: string, { belowPar = false } = {}): string {
  const q = new URLSearchParams({ site: siteId });
  if (belowPar) q.set('belowPar', '1');
  return `/inventory?${q}`;
}

export interface LotFilters {
  siteId?: string | null;
  productId?: string | null;
  /** Only lots expiring within this many days (null: any expiry). */
  withinDays?: number | null;
}

export function lotsLink({ siteId, productId, withinDays }: LotFilters): string {
  const q = new URLSearchParams();
  if (siteId) q.set('site', siteId);
  if (productId) q.set('product', productId);
  if (withinDays !== null && withinDays !== undefined) q.set('within', String(withinDays));
  const query = q.toString();
  return `/inventory/lots${query ? `?${query}` : ''}`;
}

export const lotLink = (lotId: string) => `/inventory/lots/${lotId}`;
