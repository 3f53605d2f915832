import { zonedTime, type DemoWorld } from '@infusion/demo-data';
import type { StockMovementKind } from './lots/stock-movement.entity';

export interface DemoMovement {
  id: string;
  clientId: string;
  siteId: string;
  lotId: string;
  kind: StockMovementKind;
  quantity: number;
  occurredAt: Date;
  administrationId: string | null;
  note: string | null;
}

/** Receipts are booked at 08:00 site time on the day received. */
const RECEIVING_MINUTES = 8 * 60;

/**
 * The stock ledger behind the demo world's lots: a RECEIPT of what each lot received and a
 * DISPENSE of the vials each administration opened, so that every lot's movements add up to its
 * `quantityOnHand`.
 *
 * The world draws some lots down further than they received and stops them at zero. To keep the
 * ledger truthful (on hand never below zero) and still end where the world does, such a lot gets
 * one ADJUSTMENT, just before the dispense that would overdraw it, of everything it is short.
 */
export function demoLedger(world: DemoWorld, newId: () => string): DemoMovement[] {
  const timeZoneOf = new Map(world.sites.map((s) => [s.id, s.timeZone]));
  const drawsByLot = new Map<string, DemoWorld['administrations']>();
  for (const administration of world.administrations) {
    const draws = drawsByLot.get(administration.lotId) ?? [];
    draws.push(administration);
    drawsByLot.set(administration.lotId, draws);
  }

  const movements: DemoMovement[] = [];
  for (const lot of world.lots) {
    const base = { clientId: lot.clientId, siteId: lot.siteId, lotId: lot.id };
    movements.push({
      ...base, id: newId(), kind: 'RECEIPT', quantity: lot.quantityReceived, administrationId: null, note: null,
      occurredAt: zonedTime(lot.receivedOn, RECEIVING_MINUTES, timeZoneOf.get(lot.siteId) ?? 'UTC'),
    });
    const draws = [...(drawsByLot.get(lot.id) ?? [])].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
    const totalDrawn = draws.reduce((sum, d) => sum + d.vialsOpened, 0);
    const shortfall = Math.max(0, totalDrawn - lot.quantityReceived);
    let balance = lot.quantityReceived;
    let adjusted = false;
    for (const draw of draws) {
      if (!adjusted && shortfall > 0 && balance < draw.vialsOpened) {
        movements.push({
          ...base, id: newId(), kind: 'ADJUSTMENT', quantity: shortfall, administrationId: null,
          note: 'Count correction: more vials of this lot were used than its receipt recorded',
          occurredAt: new Date(draw.startedAt.getTime() - 60_000),
        });
        balance += shortfall;
        adjusted = true;
      }
      balance -= draw.vialsOpened;
      movements.push({ ...base, id: newId(), kind: 'DISPENSE', quantity: -draw.vialsOpened, administrationId: draw.id, note: null, occurredAt: draw.startedAt });
    }
  }
  return movements;
}
