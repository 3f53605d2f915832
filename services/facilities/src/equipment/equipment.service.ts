import { badInput, conflict, localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import { Site } from '../sites/site.entity';
import { lockForChange, lockOpenSite } from '../sites/site.lookup';
import { Equipment, type EquipmentStatus } from './equipment.entity';
import type { AddEquipmentInput, RecordMaintenanceInput } from './equipment.input';
import { EQUIPMENT_KIND, equipmentStatusProblem, nextServiceDueAfter } from './equipment.rules';
import { MaintenanceRecord } from './maintenance-record.entity';

function text(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`\`${argument}\` may not be empty`, { argument });
  return trimmed;
}

/** Puts a new piece of equipment into an open site; serial numbers are unique within the client. */
export async function addEquipment(ctx: RequestContext, input: AddEquipmentInput): Promise<Equipment> {
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  if (!EQUIPMENT_KIND.test(input.kind)) throw badInput('The kind is written in capitals, digits and underscores, e.g. INFUSION_PUMP', { argument: 'input.kind' });
  const serialNumber = text(input.serialNumber, 'input.serialNumber');
  if (await ctx.em.count(Equipment, { clientId: site.clientId, serialNumber })) throw conflict('The client already has equipment with this serial number', { argument: 'input.serialNumber' });
  const equipment = ctx.em.create(Equipment, {
    clientId: site.clientId, siteId: site.id, kind: input.kind, model: text(input.model, 'input.model'), serialNumber,
    nextServiceDue: input.nextServiceDue, serviceIntervalDays: input.serviceIntervalDays ?? 365,
  });
  await ctx.em.flush();
  return equipment;
}

/** Records a maintenance visit (append-only history) and moves the next service date. */
export async function recordMaintenance(ctx: RequestContext, input: RecordMaintenanceInput): Promise<MaintenanceRecord> {
  const equipment = await lockForChange(ctx, Equipment, input.equipmentId, 'input.equipmentId');
  if (equipment.status === 'RETIRED') throw conflict('Retired equipment is not serviced', { argument: 'input.equipmentId' });
  const site = await ctx.loaders.require(Site, equipment.siteId);
  if (input.servicedOn > localDateIn(new Date(), site.timeZone)) throw badInput('A visit is recorded once it happened: `servicedOn` is not in the future', { argument: 'input.servicedOn' });
  const nextServiceDue = nextServiceDueAfter(input, equipment);
  if (nextServiceDue <= input.servicedOn) throw badInput('The next service is due after this visit', { argument: input.nextServiceDue ? 'input.nextServiceDue' : 'input.servicedOn' });
  const record = ctx.em.create(MaintenanceRecord, {
    clientId: equipment.clientId, siteId: equipment.siteId, equipmentId: equipment.id, servicedOn: input.servicedOn, kind: input.kind,
    performedBy: text(input.performedBy, 'input.performedBy'), notes: input.notes?.trim() || null, nextServiceDue,
  });
  equipment.nextServiceDue = nextServiceDue;
  await ctx.em.flush();
  return record;
}

/** Takes equipment out of service, back in, or retires it for good. */
export async function setEquipmentStatus(ctx: RequestContext, equipmentId: string, status: EquipmentStatus): Promise<Equipment> {
  const equipment = await lockForChange(ctx, Equipment, equipmentId, 'equipmentId');
  const problem = equipmentStatusProblem(equipment.status, status);
  if (problem) throw conflict(problem, { argument: 'status', status: equipment.status });
  equipment.status = status;
  await ctx.em.flush();
  return equipment;
}
