import { randomUUID } from 'node:crypto';
import { buildDemoWorld } from '@infusion/demo-data';
import { describe, expect, it } from 'vitest';
import { demoLedger } from './demo-ledger';

describe('the demo stock ledger', () => {
  const world = buildDemoWorld(42, '2026-11-24');
  const ledger = demoLedger(world, randomUUID);

  it('adds up, for every lot, to the quantity on hand in the demo world', () => {
    for (const lot of world.lots) {
      const sum = ledger.filter((m) => m.lotId === lot.id).reduce((total, m) => total + m.quantity, 0);
      expect(sum, lot.lotNumber).toBe(lot.quantityOnHand);
    }
  });

  it('never takes a lot below zero', () => {
    for (const lot of world.lots) {
      const movements = ledger.filter((m) => m.lotId === lot.id).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      let balance = 0;
      for (const m of movements) {
        balance += m.quantity;
        expect(balance, lot.lotNumber).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('books one receipt per lot and one dispense per administration', () => {
    expect(ledger.filter((m) => m.kind === 'RECEIPT')).toHaveLength(world.lots.length);
    const dispenses = ledger.filter((m) => m.kind === 'DISPENSE');
    expect(dispenses).toHaveLength(world.administrations.length);
    expect(new Set(dispenses.map((m) => m.administrationId)).size).toBe(world.administrations.length);
  });
});
