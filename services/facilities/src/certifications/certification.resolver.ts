import { LocalDate, MaxText, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { Certification } from './certification.entity';
import { addCertification, renewCertification, type CertificationInput } from './certification.service';

@InputType({ description: 'A certification or accreditation a site holds.' })
export class AddCertificationInput implements CertificationInput {
  @Field(() => ID, { description: 'Site that holds it.' })
  siteId!: string;

  @MaxText('code')
  @Field({ description: 'Kind, e.g. USP_797_SEGREGATED_COMPOUNDING_AREA (capitals, digits and underscores).' })
  kind!: string;

  @MaxText('name')
  @Field({ description: 'Who issued it.' })
  issuer!: string;

  @Field(() => LocalDate, { description: 'Date issued.' })
  issuedOn!: string;

  @Field(() => LocalDate, { description: 'Date it expires; after `issuedOn`.' })
  expiresOn!: string;
}

@InputType({ description: 'A renewal of a certification.' })
export class RenewCertificationInput {
  @Field(() => ID, { description: 'The certification renewed.' })
  id!: string;

  @Field(() => LocalDate, { description: 'Date the renewal was issued.' })
  issuedOn!: string;

  @Field(() => LocalDate, { description: 'New expiry; after the current one.' })
  expiresOn!: string;
}

@Resolver(() => Certification)
export class CertificationResolver {
  @Mutation(() => Certification, { description: 'Records a certification or accreditation held by an open site.' })
  addCertification(@Arg('input', { description: 'The certification.' }) input: AddCertificationInput, @Ctx() ctx: RequestContext): Promise<Certification> {
    return addCertification(ctx, input);
  }

  @Mutation(() => Certification, { description: 'Renews a certification to a later expiry.' })
  renewCertification(@Arg('input', { description: 'The renewal.' }) input: RenewCertificationInput, @Ctx() ctx: RequestContext): Promise<Certification> {
    return renewCertification(ctx, input);
  }
}
