import { subgraphEvents } from '@infusion/events';
import { loadReference, stubReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { onAdministrationCompleted } from './lots/administration-completed.handler';
import { Lot } from './lots/lot.entity';
import { LotResolver, StockMovementResolver } from './lots/lot.resolver';
import { StockMovement } from './lots/stock-movement.entity';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261124000002RowLevelSecurity } from './migrations/Migration20261124000002RowLevelSecurity';
import { Product } from './products/product.entity';
import { ProductResolver } from './products/product.resolver';
import { Site } from './references/site.stub';
import { ParLevel } from './stock/par-level.entity';
import { ParLevelResolver, SiteStockResolver, StockLevelResolver } from './stock/stock.resolver';

/** Inventory: the drug and supply catalogue, lots and their stock ledger, par levels per site. */
export const inventory: SubgraphDefinition = {
  name: 'inventory',
  database: {
    schema: 'inventory',
    // Product first: the seed command checks the first entity's table for existing rows.
    entities: [Product, Lot, StockMovement, ParLevel],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261124000002RowLevelSecurity', class: Migration20261124000002RowLevelSecurity },
    ],
  },
  access: { read: 'inventory:read', write: 'inventory:write' },
  schema: {
    resolvers: [ProductResolver, LotResolver, StockMovementResolver, SiteStockResolver, StockLevelResolver, ParLevelResolver],
    references: {
      Product: loadReference(Product),
      Lot: loadReference(Lot),
      StockMovement: loadReference(StockMovement),
      ParLevel: loadReference(ParLevel),
      Site: stubReference(Site),
    },
  },
  events: subgraphEvents({ subgraph: 'inventory', handlers: [onAdministrationCompleted] }),
};
