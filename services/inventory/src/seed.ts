import { randomUUID } from 'node:crypto';
import { buildDemoWorld } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import { demoLedger } from './demo-ledger';
import { Lot } from './lots/lot.entity';
import { StockMovement } from './lots/stock-movement.entity';
import { Product } from './products/product.entity';
import { ParLevel } from './stock/par-level.entity';

/** Par level of every drug a demo site uses. */
const DEMO_PAR = { minimum: 5, target: 15 };
/** Rows per INSERT, well under PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 1000;

/** Writes this subgraph's part of the demo world, with the world's ids. */
export const seedInventory: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await em.insertMany(Product, world.products.map(({ key: _key, ...product }) => product));
  await em.insertMany(Lot, world.lots.map((lot) => ({ ...lot, patientId: null })));

  const movements = demoLedger(world, randomUUID);
  for (let i = 0; i < movements.length; i += CHUNK) await em.insertMany(StockMovement, movements.slice(i, i + CHUNK));

  const drugIds = new Set(world.products.filter((p) => p.kind === 'DRUG').map((p) => p.id));
  const pairs = new Map<string, { clientId: string; siteId: string; productId: string }>();
  for (const lot of world.lots) {
    if (drugIds.has(lot.productId)) pairs.set(`${lot.siteId}:${lot.productId}`, { clientId: lot.clientId, siteId: lot.siteId, productId: lot.productId });
  }
  const parLevels = [...pairs.values()].map((pair) => ({ id: randomUUID(), ...pair, ...DEMO_PAR }));
  await em.insertMany(ParLevel, parLevels);

  return { products: world.products.length, lots: world.lots.length, 'stock movements': movements.length, 'par levels': parLevels.length };
};
