import type { LineKind } from '@infusion/domain-codes';
import { InRange, MaxItems, MaxText } from '@infusion/subgraph-kit';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LineKindEnum } from '../orders/order.entity';
import type { IvSiteEntry, LineEntry, PauseEntry, VitalsEntry } from './administration.rules';

@InputType({ description: 'A pause in an infusion.' })
export class PauseInput implements PauseEntry {
  @Field({ description: 'When the infusion was paused (UTC).' })
  pausedAt!: Date;

  @Field({ description: 'When it resumed (UTC).' })
  resumedAt!: Date;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Why.' })
  reason?: string | null;
}

@InputType({ description: 'One drug given at the visit: lot, amounts, start and stop, IV site, pauses.' })
export class AdministrationLineInput implements LineEntry {
  @Field(() => ID, { description: 'Lot drawn from (inventory); its product is the drug given.' })
  lotId!: string;

  @InRange(0.001, 1_000_000)
  @Field(() => Float, { description: 'Amount given, in the product’s dose unit.' })
  amountGiven!: number;

  @InRange(0, 1_000_000)
  @Field(() => Float, { description: 'Amount opened but discarded (0 when none: JZ).' })
  amountWasted!: number;

  @InRange(1, 1000)
  @Field(() => Int, { description: 'Vials (bags, syringes) opened.' })
  vialsOpened!: number;

  @Field({ description: 'When the drug started (UTC).' })
  startedAt!: Date;

  @Field({ description: 'When it stopped (UTC).' })
  endedAt!: Date;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'IV site it ran through.' })
  ivSite?: string | null;

  @Field(() => LineKindEnum, { nullable: true, description: 'Administration family; the order’s for its drug, THERAPEUTIC for others, when omitted.' })
  lineKind?: LineKind | null;

  @MaxItems(50)
  @Field(() => [PauseInput], { nullable: true, description: 'Pauses, if any.' })
  pauses?: PauseInput[] | null;
}

@InputType({ description: 'An IV access used at the visit.' })
export class IvSiteInput implements IvSiteEntry {
  @MaxText('name')
  @Field({ description: 'Where, e.g. "left forearm", "port".' })
  location!: string;

  @Field({ description: 'When it was started (UTC).' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was removed (UTC).' })
  removedAt?: Date | null;
}

@InputType({ description: 'Vital signs taken at the visit.' })
export class VitalsInput implements VitalsEntry {
  @Field({ description: 'When (UTC).' })
  takenAt!: Date;

  @InRange(0, 1000)
  @Field(() => Int, { nullable: true, description: 'Systolic, mmHg.' })
  systolic?: number | null;

  @InRange(0, 1000)
  @Field(() => Int, { nullable: true, description: 'Diastolic, mmHg.' })
  diastolic?: number | null;

  @InRange(0, 1000)
  @Field(() => Int, { nullable: true, description: 'Pulse, per minute.' })
  pulse?: number | null;

  @InRange(0, 1000)
  @Field(() => Int, { nullable: true, description: 'Respirations per minute.' })
  respiratoryRate?: number | null;

  @InRange(0, 1000)
  @Field(() => Float, { nullable: true, description: 'Temperature, °C.' })
  temperatureC?: number | null;

  @InRange(0, 1000)
  @Field(() => Int, { nullable: true, description: 'Oxygen saturation, %.' })
  spo2?: number | null;
}

@InputType({ description: 'A reaction during or after the infusion.' })
export class ReactionInput {
  @Field({ description: 'When it was noticed (UTC).' })
  notedAt!: Date;

  @MaxText('code')
  @Field({ description: 'MILD, MODERATE or SEVERE.' })
  severity!: string;

  @MaxText('freeText')
  @Field({ description: 'What was seen.' })
  description!: string;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'What was done.' })
  actionTaken?: string | null;
}

@InputType({ description: 'The administration record that completes a visit.' })
export class RecordAdministrationInput {
  @Field(() => ID, { description: 'The visit (checked in or in the chair).' })
  appointmentId!: string;

  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' })
  expectedVersion?: number | null;

  @MaxItems(20)
  @Field(() => [AdministrationLineInput], { description: 'Drugs given, at least one.' })
  lines!: AdministrationLineInput[];

  @MaxItems(10)
  @Field(() => [IvSiteInput], { nullable: true, description: 'IV sites used.' })
  ivSites?: IvSiteInput[] | null;

  @MaxItems(50)
  @Field(() => [VitalsInput], { nullable: true, description: 'Vital signs taken.' })
  vitals?: VitalsInput[] | null;

  @MaxItems(20)
  @Field(() => [ReactionInput], { nullable: true, description: 'Reactions, if any.' })
  reactions?: ReactionInput[] | null;
}
