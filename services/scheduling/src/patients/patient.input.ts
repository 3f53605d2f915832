import { InRange, LocalDate, MaxItems, MaxText, PageArgs } from '@infusion/subgraph-kit';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { SexEnum, type Sex } from './patient.entity';
import type { Guardian } from './patient.rules';

@ArgsType()
export class PatientFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this client’s patients.' })
  clientId?: string | null;

  @MaxText('search')
  @Field(() => String, { nullable: true, description: 'Part of the first name, family name or MRN (case-insensitive).' })
  search?: string | null;
}

@InputType({ description: 'Who consents for a minor patient.' })
export class GuardianInput implements Guardian {
  @MaxText('name')
  @Field({ description: 'Guardian’s full name.' })
  name!: string;

  @MaxText('code')
  @Field({ description: 'How the guardian is related to the patient, e.g. "mother", "legal guardian".' })
  relationship!: string;

  @MaxText('code')
  @Field({ description: 'Phone number to reach the guardian.' })
  phone!: string;
}

@InputType({ description: 'A patient to register with a client practice.' })
export class CreatePatientInput {
  @Field(() => ID, { description: 'Home site: the infusion center the patient prefers; the patient belongs to its client.' })
  siteId!: string;

  @MaxText('code')
  @Field({ description: 'Medical record number, unique within the client (letters, digits, dashes).' })
  mrn!: string;

  @MaxText('name')
  @Field({ description: 'Given name.' })
  firstName!: string;

  @MaxText('name')
  @Field({ description: 'Family name.' })
  lastName!: string;

  @Field(() => LocalDate, { description: 'Date of birth.' })
  dateOfBirth!: string;

  @Field(() => SexEnum, { description: 'Administrative sex.' })
  sex!: Sex;

  @InRange(0.5, 699.9)
  @Field(() => Float, { description: 'Body weight in kilograms.' })
  weightKg!: number;

  @Field(() => LocalDate, { nullable: true, description: 'When the weight was measured; today when omitted.' })
  weighedOn?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Preferred language (BCP 47 tag, e.g. "es").' })
  preferredLanguage?: string | null;

  @Field(() => GuardianInput, { nullable: true, description: 'Guardian; required for a patient under 18.' })
  guardian?: GuardianInput | null;

  @MaxItems(50)
  @MaxText('name', { each: true })
  @Field(() => [String], { nullable: true, description: 'Known allergies; none when omitted.' })
  allergies?: string[] | null;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'What the chair-side team must prepare or know.' })
  preparationNotes?: string | null;
}

@InputType({ description: 'Changes to a patient record; omitted fields stay as they are, null clears an optional one.' })
export class UpdatePatientInput {
  @Field(() => ID, { description: 'Patient to change.' })
  id!: string;

  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' })
  expectedVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'New home (preferred) site, of the same client.' })
  siteId?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'New medical record number, unique within the client.' })
  mrn?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Given name.' })
  firstName?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Family name.' })
  lastName?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date of birth (a correction).' })
  dateOfBirth?: string | null;

  @Field(() => SexEnum, { nullable: true, description: 'Administrative sex.' })
  sex?: Sex | null;

  @InRange(0.5, 699.9)
  @Field(() => Float, { nullable: true, description: 'A new weighing in kilograms, added to the weight history.' })
  weightKg?: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the new weight was measured; today when omitted.' })
  weighedOn?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Preferred language (BCP 47 tag); null clears it.' })
  preferredLanguage?: string | null;

  @Field(() => GuardianInput, { nullable: true, description: 'Guardian; null clears it (refused while the patient is a minor).' })
  guardian?: GuardianInput | null;

  @MaxItems(50)
  @MaxText('name', { each: true })
  @Field(() => [String], { nullable: true, description: 'The whole list of known allergies, replacing the old one.' })
  allergies?: string[] | null;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Preparation notes; null clears them.' })
  preparationNotes?: string | null;
}
