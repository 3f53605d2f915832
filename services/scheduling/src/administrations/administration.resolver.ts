import { type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { minutesBetween } from '../appointments/appointment.rules';
import { Lot } from '../references/lot.stub';
import { Product } from '../references/product.stub';
import { Administration } from './administration.entity';

@Resolver(() => Administration)
export class AdministrationResolver {
  @FieldResolver(() => Appointment, { description: 'Appointment at which the drug was given.' })
  async appointment(@Root() administration: Administration, @Ctx() { loaders }: RequestContext): Promise<Appointment> {
    return loaders.require(Appointment, administration.appointmentId);
  }

  @FieldResolver(() => Lot, { description: 'Lot the drug was drawn from.' })
  lot(@Root() administration: Administration): Lot {
    return stubOf(Lot, administration.lotId);
  }

  @FieldResolver(() => Product, { description: 'Drug given.' })
  product(@Root() administration: Administration): Product {
    return stubOf(Product, administration.productId);
  }

  // Administration CPT codes are chosen by infusion time (e.g. 96365 covers 16–90 minutes).
  @FieldResolver(() => Int, { description: 'Infusion time from start to stop less pauses, in minutes; billing codes the administration by it.' })
  infusionMinutes(@Root() administration: Administration): number {
    return minutesBetween(administration.startedAt, administration.endedAt) - administration.pausedMinutes;
  }
}
