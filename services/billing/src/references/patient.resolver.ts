import type { RequestContext } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Coverage } from '../coverages/coverage.entity';
import { PriorAuthorization } from '../prior-authorizations/prior-authorization.entity';
import { Patient } from './patient.stub';

/** What billing knows about a patient: insurance and prior authorizations, batched over many patients. */
@Resolver(() => Patient)
export class PatientBillingResolver {
  @FieldResolver(() => [Coverage], { description: 'The patient’s insurance coverages, primary first, newest first within a priority.' })
  coverages(@Root() patient: Patient, @Ctx() { loaders }: RequestContext): Promise<Coverage[]> {
    return loaders.manyBy(Coverage, 'patientId', { orderBy: { priority: 'asc', effectiveFrom: 'desc' } }).load(patient.id);
  }

  @FieldResolver(() => [PriorAuthorization], { description: 'The patient’s prior authorizations, most recent first.' })
  priorAuthorizations(@Root() patient: Patient, @Ctx() { loaders }: RequestContext): Promise<PriorAuthorization[]> {
    return loaders.manyBy(PriorAuthorization, 'patientId', { orderBy: { validFrom: 'desc', authorizationNumber: 'asc' } }).load(patient.id);
  }
}
