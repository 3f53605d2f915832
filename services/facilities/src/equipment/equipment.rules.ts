import { addLocalDays } from '@infusion/subgraph-kit';
import type { EquipmentStatus } from './equipment.entity';
import type { MaintenanceKind } from './maintenance-record.entity';

/** Visits that restart the preventive maintenance clock; a repair or an inspection does not. */
const RESETS_CLOCK: readonly MaintenanceKind[] = ['PREVENTIVE', 'CALIBRATION'];

/**
 * When the next preventive maintenance falls due after a visit: as given, else a visit that
 * restarts the clock moves it to the visit date plus the interval, else it stays.
 */
export function nextServiceDueAfter(visit: { servicedOn: string; kind: MaintenanceKind; nextServiceDue?: string | null }, equipment: { nextServiceDue: string; serviceIntervalDays: number }): string {
  if (visit.nextServiceDue) return visit.nextServiceDue;
  if (RESETS_CLOCK.includes(visit.kind)) return addLocalDays(visit.servicedOn, equipment.serviceIntervalDays);
  return equipment.nextServiceDue;
}

/** Equipment may be taken out of service and back; RETIRED is final. */
export function equipmentStatusProblem(from: EquipmentStatus, to: EquipmentStatus): string | null {
  if (from === 'RETIRED' && to !== 'RETIRED') return 'Retired equipment stays retired';
  return null;
}

export const EQUIPMENT_KIND = /^[A-Z][A-Z0-9_]{1,63}$/;
