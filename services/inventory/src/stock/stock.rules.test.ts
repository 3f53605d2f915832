import { describe, expect, it } from 'vitest';
import { parStatus, stockByProduct } from './stock.rules';

describe('stock on hand', () => {
  const lots = [
    { productId: 'infliximab', expiresOn: '2026-12-31', quantityOnHand: 4 },
    { productId: 'infliximab', expiresOn: '2026-11-24', quantityOnHand: 3 },
    { productId: 'infliximab', expiresOn: '2026-11-23', quantityOnHand: 2 },
    { productId: 'saline', expiresOn: '2028-01-01', quantityOnHand: 120 },
  ];

  it('counts only lots usable on the day, through their expiry date', () => {
    expect(stockByProduct(lots, '2026-11-24').get('infliximab')).toEqual({ onHand: 7, expired: 2 });
  });

  it('keeps expired packages apart so they can be pulled from the shelf', () => {
    expect(stockByProduct(lots, '2027-01-01').get('infliximab')).toEqual({ onHand: 0, expired: 9 });
  });

  it('totals each product separately', () => {
    expect(stockByProduct(lots, '2026-11-24').get('saline')).toEqual({ onHand: 120, expired: 0 });
  });
});

describe('par levels', () => {
  const par = { minimum: 5, target: 15 };

  it('flags a product below its minimum and orders up to the target', () => {
    expect(parStatus(3, par)).toEqual({ belowPar: true, reorderQuantity: 12 });
  });

  it('does not flag stock exactly at the minimum', () => {
    expect(parStatus(5, par)).toEqual({ belowPar: false, reorderQuantity: 0 });
  });

  it('never flags a product the site keeps no par level for', () => {
    expect(parStatus(0, null)).toEqual({ belowPar: false, reorderQuantity: 0 });
  });
});
