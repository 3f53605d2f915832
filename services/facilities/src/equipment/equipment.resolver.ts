import type { RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Equipment, EquipmentStatusEnum, type EquipmentStatus } from './equipment.entity';
import { AddEquipmentInput, RecordMaintenanceInput } from './equipment.input';
import { addEquipment, recordMaintenance, setEquipmentStatus } from './equipment.service';
import { MaintenanceRecord } from './maintenance-record.entity';

@Resolver(() => Equipment)
export class EquipmentResolver {
  @Mutation(() => Equipment, { description: 'Adds equipment (e.g. an infusion pump) to an open site; a serial number the client already has is CONFLICT.' })
  addEquipment(@Arg('input', { description: 'The equipment.' }) input: AddEquipmentInput, @Ctx() ctx: RequestContext): Promise<Equipment> {
    return addEquipment(ctx, input);
  }

  @Mutation(() => MaintenanceRecord, { description: 'Records a maintenance visit; preventive maintenance and calibration move `nextServiceDue` on by the service interval.' })
  recordMaintenance(@Arg('input', { description: 'The visit.' }) input: RecordMaintenanceInput, @Ctx() ctx: RequestContext): Promise<MaintenanceRecord> {
    return recordMaintenance(ctx, input);
  }

  @Mutation(() => Equipment, { description: 'Takes equipment out of service, puts it back, or retires it (final).' })
  setEquipmentStatus(
    @Arg('equipmentId', () => ID, { description: 'The equipment.' }) equipmentId: string,
    @Arg('status', () => EquipmentStatusEnum, { description: 'Its new status.' }) status: EquipmentStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<Equipment> {
    return setEquipmentStatus(ctx, equipmentId, status);
  }

  @FieldResolver(() => [MaintenanceRecord], { description: 'Maintenance visits, latest first.' })
  maintenanceHistory(@Root() equipment: Equipment, @Ctx() { loaders }: RequestContext): Promise<MaintenanceRecord[]> {
    return loaders.manyBy(MaintenanceRecord, 'equipmentId', { orderBy: { servicedOn: 'desc', createdAt: 'desc' } }).load(equipment.id);
  }
}
