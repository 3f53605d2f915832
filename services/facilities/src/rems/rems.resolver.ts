import { LocalDate, MaxText, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { RemsEnrolment } from './rems-enrolment.entity';
import { enrolSiteInRems, renewRemsEnrolment, type RemsEnrolmentInput } from './rems.service';

@InputType({ description: 'A site’s enrolment in a REMS programme.' })
export class EnrolSiteInRemsInput implements RemsEnrolmentInput {
  @Field(() => ID, { description: 'Site enrolled.' })
  siteId!: string;

  @MaxText('code')
  @Field({ description: 'Programme code, e.g. TOUCH.' })
  programme!: string;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'The programme’s enrolment number for the site.' })
  enrolmentNumber?: string | null;

  @Field(() => LocalDate, { description: 'Date enrolled.' })
  enrolledOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date it lapses unless renewed; after `enrolledOn`.' })
  expiresOn?: string | null;
}

@Resolver(() => RemsEnrolment)
export class RemsResolver {
  @Mutation(() => RemsEnrolment, { description: 'Enrols an open site in a REMS programme (one enrolment per programme; CONFLICT for a second).' })
  enrolSiteInRems(@Arg('input', { description: 'The enrolment.' }) input: EnrolSiteInRemsInput, @Ctx() ctx: RequestContext): Promise<RemsEnrolment> {
    return enrolSiteInRems(ctx, input);
  }

  @Mutation(() => RemsEnrolment, { description: 'Extends a REMS enrolment to a later expiry.' })
  renewRemsEnrolment(
    @Arg('id', () => ID, { description: 'The enrolment.' }) id: string,
    @Arg('expiresOn', () => LocalDate, { description: 'New expiry; after the current one.' }) expiresOn: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RemsEnrolment> {
    return renewRemsEnrolment(ctx, id, expiresOn);
  }
}
