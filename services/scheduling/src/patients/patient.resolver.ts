import { ConnectionType, badInput, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { appointmentsOf } from '../appointments/appointment.loader';
import { Order } from '../orders/order.entity';
import { Site } from '../references/site.stub';
import { Patient } from './patient.entity';
import { CreatePatientInput, PatientFilter, UpdatePatientInput } from './patient.input';
import { PatientWeight } from './patient-weight.entity';
import { createPatient, updatePatient } from './patient.service';
import { patientSearch } from './patient.search';

const PatientConnection = ConnectionType(Patient, 'Patient');

@ObjectType({ description: 'Who consents to treatment for a minor patient.' })
class Guardian {
  @Field({ description: 'Guardian’s full name.' })
  name!: string;

  @Field({ description: 'How the guardian is related to the patient.' })
  relationship!: string;

  @Field({ description: 'Phone number to reach the guardian.' })
  phone!: string;
}

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => PatientConnection, { description: 'Patients by family name; optionally of one client, or matching a search.' })
  patients(@Args() filter: PatientFilter, @Ctx() { em }: RequestContext) {
    const where: FilterQuery<Patient> = { $and: [whereEquals<Patient>({ clientId: filter.clientId }), patientSearch(filter.search)] };
    return paginate(em, Patient, where, filter, 'lastName');
  }

  @Query(() => Patient, { description: 'One patient.' })
  async patient(@Arg('id', () => ID, { description: 'Patient id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Patient> {
    return loaders.require(Patient, id);
  }

  @Mutation(() => Patient, { description: 'Registers a patient at their home site; CONFLICT when the client already has the MRN.' })
  createPatient(@Arg('input', { description: 'The patient to register.' }) input: CreatePatientInput, @Ctx() ctx: RequestContext): Promise<Patient> {
    return createPatient(ctx, input);
  }

  @Mutation(() => Patient, { description: 'Changes a patient record; a new weight joins the weight history. CONFLICT on a stale `expectedVersion` or a taken MRN.' })
  updatePatient(@Arg('input', { description: 'What changes.' }) input: UpdatePatientInput, @Ctx() ctx: RequestContext): Promise<Patient> {
    return updatePatient(ctx, input);
  }

  @FieldResolver(() => Guardian, { nullable: true, description: 'Who consents for the patient; required while the patient is a minor.' })
  guardian(@Root() patient: Patient): Guardian | null {
    if (!patient.guardianName) return null;
    return Object.assign(new Guardian(), { name: patient.guardianName, relationship: patient.guardianRelationship, phone: patient.guardianPhone });
  }

  @FieldResolver(() => [PatientWeight], { description: 'Every weighing, latest first; weight-based doses use the latest.' })
  weights(@Root() patient: Patient, @Ctx() { loaders }: RequestContext): Promise<PatientWeight[]> {
    return loaders.manyBy(PatientWeight, 'patientId', { orderBy: { measuredOn: 'desc', createdAt: 'desc' } }).load(patient.id);
  }

  @FieldResolver(() => String, { description: 'Given and family name, as shown on the day board.' })
  fullName(@Root() patient: Patient): string {
    return `${patient.firstName} ${patient.lastName}`;
  }

  @FieldResolver(() => Site, { description: 'The patient’s home site.' })
  homeSite(@Root() patient: Patient): Site {
    return stubOf(Site, patient.siteId);
  }

  @FieldResolver(() => [Order], { description: 'The patient’s therapy orders, oldest first.' })
  orders(@Root() patient: Patient, @Ctx() { loaders }: RequestContext): Promise<Order[]> {
    return loaders.manyBy(Order, 'patientId', { orderBy: { startsOn: 'asc', id: 'asc' } }).load(patient.id);
  }

  @FieldResolver(() => [Appointment], { description: 'The patient’s appointments in time order; within [from, to) when both are given.' })
  appointments(
    @Root() patient: Patient,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { nullable: true, description: 'Earliest start (inclusive, UTC).' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Latest start (exclusive, UTC).' }) to?: Date | null,
  ): Promise<Appointment[]> {
    if (!from !== !to) throw badInput('Give both `from` and `to`, or neither', { argument: from ? 'to' : 'from' });
    return appointmentsOf(ctx, 'patientId', from && to ? { from, to } : undefined).load(patient.id);
  }
}
