import { checkTimeWindow, type RequestContext } from '@infusion/subgraph-kit';
import type DataLoader from 'dataloader';
import { Shift } from './shift.entity';
import { earliestOverlappingStart } from './shift.rules';

/** Columns a shift list hangs off: its site or its staff member. */
export type ShiftParent = 'siteId' | 'staffMemberId';

/**
 * Shifts per site or per staff member that overlap `[from, to)` (see `shiftOverlaps`), in time
 * order. One loader per parent column and window, so the shifts of any number of sites or staff
 * members asked for in one request cost one SELECT.
 */
export function shiftsOf(ctx: RequestContext, parent: ShiftParent, from: Date, to: Date): DataLoader<string, Shift[]> {
  checkTimeWindow({ from, to });
  return ctx.loaders.manyBy(Shift, parent, {
    // The lower bound on startsAt adds nothing logically; it keeps the index range scan short.
    where: { startsAt: { $gte: earliestOverlappingStart(from), $lt: to }, endsAt: { $gt: from } },
    orderBy: { startsAt: 'asc', id: 'asc' },
    key: `${from.toISOString()}/${to.toISOString()}`,
  });
}
