import { InRange, LocalDate, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MaintenanceKindEnum, type MaintenanceKind } from './maintenance-record.entity';

@InputType({ description: 'A new piece of equipment at a site.' })
export class AddEquipmentInput {
  @Field(() => ID, { description: 'Site it stands at.' })
  siteId!: string;

  @MaxText('code')
  @Field({ description: 'Kind, e.g. INFUSION_PUMP (capitals, digits and underscores).' })
  kind!: string;

  @MaxText('name')
  @Field({ description: 'Make and model.' })
  model!: string;

  @MaxText('code')
  @Field({ description: 'Manufacturer serial number, unique within the client.' })
  serialNumber!: string;

  @Field(() => LocalDate, { description: 'Date the first preventive maintenance is due.' })
  nextServiceDue!: string;

  @InRange(1, 3650)
  @Field(() => Int, { nullable: true, description: 'Days between preventive maintenance visits (1–3650); 365 when omitted.' })
  serviceIntervalDays?: number | null;
}

@InputType({ description: 'A maintenance visit to record.' })
export class RecordMaintenanceInput {
  @Field(() => ID, { description: 'Equipment serviced.' })
  equipmentId!: string;

  @Field(() => LocalDate, { description: 'Date of the visit; not in the future.' })
  servicedOn!: string;

  @Field(() => MaintenanceKindEnum, { description: 'What was done.' })
  kind!: MaintenanceKind;

  @MaxText('name')
  @Field({ description: 'Who did it.' })
  performedBy!: string;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Findings and work done.' })
  notes?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Next preventive maintenance due; the visit date plus the service interval when omitted (PREVENTIVE and CALIBRATION visits), else unchanged.' })
  nextServiceDue?: string | null;
}
