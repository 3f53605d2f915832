import { InRange, MaxText } from '@infusion/subgraph-kit';
import type { ClientKind } from '@infusion/domain-codes';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ClientKindEnum, ClientStatusEnum } from './client.entity';
import type { ClientStatus } from './client.rules';

@InputType({ description: 'A new client organisation; it starts ONBOARDING.' })
export class CreateClientInput {
  @MaxText('name')
  @Field({ description: 'Trading name, unique among clients.' })
  name!: string;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Legal name as registered; the trading name when omitted.' })
  legalName?: string | null;

  @Field(() => ClientKindEnum, { description: 'Physician practice, NP-led clinic or hospital.' })
  kind!: ClientKind;

  @MaxText('name')
  @Field({ description: 'Main clinical specialty, e.g. Oncology.' })
  specialty!: string;

  @MaxText('code')
  @Field({ description: 'Two-letter US state of the headquarters.' })
  state!: string;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Federal tax id (EIN), NN-NNNNNNN.' })
  taxId?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Organisation NPI (type 2): ten digits, Luhn check digit over the 80840 prefix.' })
  npi?: string | null;
}

@InputType({ description: 'Changes to a client; fields left out stay as they are.' })
export class UpdateClientInput {
  @Field(() => ID, { description: 'The client to change.' })
  id!: string;

  // Versions start at 1 and grow by one per change.
  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change (CONFLICT) if it has moved on.' })
  expectedVersion?: number | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Trading name.' })
  name?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Legal name.' })
  legalName?: string | null;

  @Field(() => ClientKindEnum, { nullable: true, description: 'Kind of organisation.' })
  kind?: ClientKind | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Main clinical specialty.' })
  specialty?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Two-letter US state of the headquarters.' })
  state?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Federal tax id (EIN), NN-NNNNNNN.' })
  taxId?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Organisation NPI (type 2).' })
  npi?: string | null;

  @Field(() => ClientStatusEnum, { nullable: true, description: 'New status (ops users only); only the allowed moves (see ClientStatus).' })
  status?: ClientStatus | null;
}
