import { ConnectionType, LocalDate, PageArgs, operand, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Payer } from '../payers/payer.entity';
import { Patient } from '../references/patient.stub';
import { Site } from '../references/site.stub';
import { PriorAuthorization, PriorAuthorizationStatusEnum } from './prior-authorization.entity';
import type { PriorAuthorizationStatus } from './prior-authorization.rules';

const PriorAuthorizationConnection = ConnectionType(PriorAuthorization, 'PriorAuthorization');

@ArgsType()
class PriorAuthorizationFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this client’s authorizations.' })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this patient’s authorizations.' })
  patientId?: string | null;

  @Field(() => PriorAuthorizationStatusEnum, { nullable: true, description: 'Only authorizations with this status.' })
  status?: PriorAuthorizationStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only authorizations whose last valid day is before this date (to renew them in time).' })
  expiringBefore?: string | null;
}

@Resolver(() => PriorAuthorization)
export class PriorAuthorizationResolver {
  @Query(() => PriorAuthorizationConnection, { description: 'Prior authorizations, soonest to expire first.' })
  priorAuthorizations(@Args() filter: PriorAuthorizationFilter, @Ctx() { em }: RequestContext) {
    const where: FilterQuery<PriorAuthorization>[] = [whereEquals<PriorAuthorization>({ clientId: filter.clientId, patientId: filter.patientId, status: filter.status })];
    if (filter.expiringBefore) where.push({ validTo: { $lt: operand(filter.expiringBefore, 'expiringBefore') } });
    return paginate(em, PriorAuthorization, { $and: where }, filter, 'validTo');
  }

  @FieldResolver(() => Patient, { description: 'The patient authorized.' })
  patient(@Root() auth: PriorAuthorization): Patient {
    return stubOf(Patient, auth.patientId);
  }

  @FieldResolver(() => Payer, { description: 'The payer that issued the authorization.' })
  async payer(@Root() auth: PriorAuthorization, @Ctx() { loaders }: RequestContext): Promise<Payer> {
    return loaders.require(Payer, auth.payerId);
  }

  @FieldResolver(() => Site, { description: 'The site of care the payer approved.' })
  site(@Root() auth: PriorAuthorization): Site {
    return stubOf(Site, auth.siteId);
  }
}
