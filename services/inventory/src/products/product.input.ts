import { MaxText, PageArgs } from '@infusion/subgraph-kit';
import { ArgsType, Field } from 'type-graphql';
import { ProductKindEnum, type ProductKind } from './product.entity';

@ArgsType()
export class ProductFilter extends PageArgs {
  @MaxText('search')
  @Field(() => String, { nullable: true, description: 'Part of the name, generic name, NDC or HCPCS code (case-insensitive).' })
  search?: string | null;

  @Field(() => ProductKindEnum, { nullable: true, description: 'Only drugs or only supplies.' })
  kind?: ProductKind | null;
}
