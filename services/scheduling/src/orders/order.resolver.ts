import { notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { appointmentsOf } from '../appointments/appointment.loader';
import { Patient } from '../patients/patient.entity';
import { Product } from '../references/product.stub';
import { StaffMember } from '../references/staff-member.stub';
import { Order } from './order.entity';

@Resolver(() => Order)
export class OrderResolver {
  @FieldResolver(() => Patient, { description: 'Patient the order is for.' })
  async patient(@Root() order: Order, @Ctx() { loaders }: RequestContext): Promise<Patient> {
    return (await loaders.byId(Patient).load(order.patientId)) ?? Promise.reject(notFound('Patient', order.patientId));
  }

  @FieldResolver(() => Product, { description: 'Drug ordered.' })
  product(@Root() order: Order): Product {
    return Object.assign(new Product(), { id: order.productId });
  }

  @FieldResolver(() => StaffMember, { description: 'Prescribing provider.' })
  prescriber(@Root() order: Order): StaffMember {
    return Object.assign(new StaffMember(), { id: order.prescriberId });
  }

  @FieldResolver(() => [Appointment], { description: 'The doses of the series booked so far, in time order.' })
  appointments(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    return appointmentsOf(ctx, 'orderId').load(order.id);
  }
}
