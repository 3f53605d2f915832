import { THERAPY_REGIMENS } from '@infusion/domain-codes';
import { stubOrNull, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Float, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { appointmentsOf } from '../appointments/appointment.loader';
import { Patient } from '../patients/patient.entity';
import { Product } from '../references/product.stub';
import { StaffMember } from '../references/staff-member.stub';
import { DoseBasisEnum, IndicationFamilyEnum, LineKindEnum, Order } from './order.entity';
import { CreateOrderInput } from './order.input';
import { createOrder } from './order.service';

@ObjectType({ description: 'A provider outside the client who referred the patient.' })
class ReferringProvider {
  @Field({ description: 'Provider’s name as on the referral.' })
  name!: string;

  @Field({ description: 'National Provider Identifier.' })
  npi!: string;
}

@ObjectType({ description: 'A standard therapy plan (DOMAIN "Therapies and chair time"): an order’s defaults for dose, schedule and chair time.' })
class TherapyRegimen {
  @Field({ description: 'Key to name in `createOrder`, e.g. "infliximabCrohn".' })
  key!: string;

  @Field({ description: 'The plan in words.' })
  label!: string;

  @Field({ description: 'Drug (generic name key), e.g. "infliximab".' })
  drug!: string;

  @Field(() => DoseBasisEnum, { description: 'Fixed or per kilogram.' })
  doseBasis!: string;

  @Field(() => Float, { description: 'Maintenance dose, mg or mg/kg.' })
  dose!: number;

  @Field(() => Float, { nullable: true, description: 'Induction dose when different, mg.' })
  inductionDose!: number | null;

  @Field(() => [Int], { description: 'Induction doses, days after the first.' })
  inductionDays!: number[];

  @Field(() => Int, { nullable: true, description: 'Days after the first dose when maintenance starts.' })
  firstMaintenanceDay!: number | null;

  @Field(() => Int, { nullable: true, description: 'Weeks between maintenance doses.' })
  maintenanceIntervalWeeks!: number | null;

  @Field(() => Int, { description: 'Allowed days before or after an induction dose’s due date.' })
  inductionWindowDays!: number;

  @Field(() => Int, { description: 'Allowed days before or after a maintenance dose’s due date.' })
  maintenanceWindowDays!: number;

  @Field(() => Int, { description: 'Premedication minutes.' })
  premedMinutes!: number;

  @Field(() => Int, { description: 'Infusion minutes.' })
  infusionMinutes!: number;

  @Field(() => Int, { description: 'Observation minutes.' })
  observationMinutes!: number;

  @Field(() => Int, { description: 'First doses that hold the chair longer.' })
  extendedFirstDoses!: number;

  @Field(() => Int, { description: 'Extra minutes for each of them.' })
  firstDoseExtraMinutes!: number;

  @Field(() => IndicationFamilyEnum, { description: 'Usual indication family.' })
  indicationFamily!: string;

  @Field(() => LineKindEnum, { description: 'Usual administration family.' })
  lineKind!: string;

  @Field(() => String, { nullable: true, description: 'Risk programme the site and prescriber must be enrolled in.' })
  remsProgram!: string | null;
}

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => [TherapyRegimen], { description: 'The standard therapy plans orders start from.' })
  therapyRegimens(): TherapyRegimen[] {
    return Object.values(THERAPY_REGIMENS).map((r) => Object.assign(new TherapyRegimen(), r, { inductionDays: [...r.inductionDays] }));
  }

  @Mutation(() => Order, { description: 'Writes a therapy order from a referral; plan fields not given come from the named regimen.' })
  createOrder(@Arg('input', { description: 'The order.' }) input: CreateOrderInput, @Ctx() ctx: RequestContext): Promise<Order> {
    return createOrder(ctx, input);
  }

  @FieldResolver(() => ReferringProvider, { nullable: true, description: 'External referring provider, when the order came from outside the client.' })
  referringProvider(@Root() order: Order): ReferringProvider | null {
    if (!order.referringProviderName || !order.referringProviderNpi) return null;
    return Object.assign(new ReferringProvider(), { name: order.referringProviderName, npi: order.referringProviderNpi });
  }

  @FieldResolver(() => Patient, { description: 'Patient the order is for.' })
  async patient(@Root() order: Order, @Ctx() { loaders }: RequestContext): Promise<Patient> {
    return loaders.require(Patient, order.patientId);
  }

  @FieldResolver(() => Product, { description: 'Drug ordered.' })
  product(@Root() order: Order): Product {
    return stubOf(Product, order.productId);
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'Prescribing provider on the client’s staff; null for an external referral.' })
  prescriber(@Root() order: Order): StaffMember | null {
    return stubOrNull(StaffMember, order.prescriberId);
  }

  @FieldResolver(() => [Appointment], { description: 'The doses of the series booked so far, in time order.' })
  appointments(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    return appointmentsOf(ctx, 'orderId').load(order.id);
  }
}
