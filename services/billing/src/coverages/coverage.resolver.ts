import { type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Payer } from '../payers/payer.entity';
import { Patient } from '../references/patient.stub';
import { Coverage } from './coverage.entity';

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => Patient, { description: 'The patient covered.' })
  patient(@Root() coverage: Coverage): Patient {
    return stubOf(Patient, coverage.patientId);
  }

  @FieldResolver(() => Payer, { description: 'The payer of the coverage.' })
  async payer(@Root() coverage: Coverage, @Ctx() { loaders }: RequestContext): Promise<Payer> {
    return loaders.require(Payer, coverage.payerId);
  }
}
