import { notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Payer } from '../payers/payer.entity';
import { Patient } from '../references/patient.stub';
import { Coverage } from './coverage.entity';

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => Patient, { description: 'The patient covered.' })
  patient(@Root() coverage: Coverage): Patient {
    return Object.assign(new Patient(), { id: coverage.patientId });
  }

  @FieldResolver(() => Payer, { description: 'The payer of the coverage.' })
  async payer(@Root() coverage: Coverage, @Ctx() { loaders }: RequestContext): Promise<Payer> {
    return (await loaders.byId(Payer).load(coverage.payerId)) ?? Promise.reject(notFound('Payer', coverage.payerId));
  }
}
