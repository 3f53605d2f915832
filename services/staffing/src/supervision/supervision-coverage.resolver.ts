import { stubOf, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Site } from '../references/site.stub';
import { NewSupervisionCoverageInput } from '../shifts/shift.input';
import { StaffMember } from '../staff/staff-member.entity';
import { SupervisionCoverage } from './supervision-coverage.entity';
import { addSupervisionCoverage, removeSupervisionCoverage } from './supervision.service';

@Resolver(() => SupervisionCoverage)
export class SupervisionCoverageResolver {
  @Mutation(() => SupervisionCoverage, {
    description: 'Records a supervising provider on site for a period in the site’s local time. CONFLICT when the provider already covers a site then or is on time off.',
  })
  addSupervisionCoverage(@Arg('input', { description: 'The cover.' }) input: NewSupervisionCoverageInput, @Ctx() ctx: RequestContext): Promise<SupervisionCoverage> {
    return addSupervisionCoverage(ctx, input);
  }

  @Mutation(() => SupervisionCoverage, { description: 'Removes a supervision coverage block; answers it as it was.' })
  removeSupervisionCoverage(@Arg('id', () => ID, { description: 'Coverage block to remove.' }) id: string, @Ctx() ctx: RequestContext): Promise<SupervisionCoverage> {
    return removeSupervisionCoverage(ctx, id);
  }

  @FieldResolver(() => StaffMember, { description: 'The supervising provider.' })
  provider(@Root() coverage: SupervisionCoverage, @Ctx() { loaders }: RequestContext): Promise<StaffMember> {
    return loaders.require(StaffMember, coverage.providerId);
  }

  @FieldResolver(() => Site, { description: 'The site covered.' })
  site(@Root() coverage: SupervisionCoverage): Site {
    return stubOf(Site, coverage.siteId);
  }
}
