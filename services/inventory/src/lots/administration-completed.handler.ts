import { AdministrationCompleted, EventRefused, onEvent } from '@infusion/events';
import { LockMode } from '@mikro-orm/core';
import { Product } from '../products/product.entity';
import { Lot } from './lot.entity';
import { packagesOpened } from './lot.rules';
import { StockMovement } from './stock-movement.entity';

/**
 * Why inventory refuses a lot of an administration for good (another client's, site's or
 * patient's lot; no or another unit): no retry can change it, so the delivery is dead-lettered at
 * once with this message in `failedEvents`, and nothing of the event is moved.
 */
class DispenseRefused extends EventRefused {
  override name = 'DispenseRefused';
}

/**
 * More packages opened than the lot has on hand: the shelf count is wrong and will be corrected,
 * so the delivery keeps retrying (and dispenses once a receipt or count fixes the lot).
 */
class StockShortfall extends Error {
  override name = 'StockShortfall';
}

/**
 * Scheduling completed an administration: take the packages opened off each lot the nurse drew
 * from, as one DISPENSE movement per administration and lot.
 *
 * Refused (the whole event, nothing moved) rather than guessed: a lot the event's client does not
 * hold (the tenant filter hides another client's), a lot of another site or shipped for another
 * patient, amounts in no unit or another unit than the product's, and a shortfall. Stock never goes
 * negative: a lot with fewer packages on hand than were opened means the shelf count is wrong (a
 * receipt or transfer not recorded), and letting the ledger go below zero would hide that from
 * every stock level and par alert built on it. Once the count is corrected, the retry (or
 * `replayFailedEvent`) dispenses.
 *
 * Idempotent on the administration, not only on the event: a second event for the same
 * administration (a republish) finds its movement (unique per administration, lot and kind) and
 * moves nothing. Events published before the payload carried lots move nothing.
 */
export const onAdministrationCompleted = onEvent(AdministrationCompleted, async ({ em, event }) => {
  const p = event.payload;
  for (const used of p.lots ?? []) {
    // Locked, so concurrent dispenses and corrections of one lot see each other's quantity.
    const lot = await em.findOne(Lot, { id: used.lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!lot) throw new DispenseRefused(`Lot ${used.lotId} is not held by the administration's client`);
    if (lot.siteId !== p.siteId) throw new DispenseRefused(`Lot ${lot.id} is held at another site than administration ${p.administrationId}`);
    if (lot.patientId && lot.patientId !== p.patientId) throw new DispenseRefused(`Lot ${lot.id} was shipped for another patient (white bag)`);
    const existing = await em.findOne(StockMovement, { lotId: lot.id, administrationId: p.administrationId, kind: 'DISPENSE' });
    if (existing) continue;

    const product = await em.findOneOrFail(Product, { id: lot.productId });
    if (used.unit === null) throw new DispenseRefused(`Administration ${p.administrationId} does not say in which unit lot ${lot.id} was drawn; the product counts in ${product.doseUnit}`);
    if (used.unit !== product.doseUnit) throw new DispenseRefused(`Administration ${p.administrationId} drew lot ${lot.id} in ${used.unit}; the product counts in ${product.doseUnit}`);
    const packages = packagesOpened(used.amountGiven, used.amountWasted, product.packageAmount);
    if (packages > lot.quantityOnHand) {
      throw new StockShortfall(`Lot ${lot.id} has ${lot.quantityOnHand} packages on hand but administration ${p.administrationId} opened ${packages}; correct the count, then the delivery is retried`);
    }

    em.create(StockMovement, {
      clientId: event.clientId,
      siteId: lot.siteId,
      lotId: lot.id,
      kind: 'DISPENSE',
      quantity: -packages,
      occurredAt: new Date(p.completedAt),
      administrationId: p.administrationId,
    });
    lot.quantityOnHand -= packages;
  }
});
