import { LocalDate, graphqlEnum, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Client } from '../clients/client.entity';
import { ATTENTION_KINDS, ATTENTION_SEVERITIES, type AttentionEntry, type AttentionKind, type AttentionSeverity } from './attention.rules';
import { attentionItems } from './attention.service';

const AttentionKindEnum = graphqlEnum(
  ATTENTION_KINDS,
  'AttentionKind',
  'What needs doing: a certification or REMS enrolment to renew, equipment maintenance due, or an open site with no chair in service.',
);
const AttentionSeverityEnum = graphqlEnum(
  ATTENTION_SEVERITIES,
  'AttentionSeverity',
  'CRITICAL: overdue or lapsed; WARNING: due within 14 days (or a site without a chair in service); NOTICE: due later.',
);

@ObjectType({ description: 'Something at a site that needs doing, with the ids to act on.' })
export class AttentionItem implements AttentionEntry {
  @Field(() => AttentionKindEnum, { description: 'What needs doing.' })
  kind!: AttentionKind;

  @Field(() => AttentionSeverityEnum, { description: 'How urgent it is.' })
  severity!: AttentionSeverity;

  @Field(() => LocalDate, { nullable: true, description: 'Date it is (or was) due, in the site’s calendar; null when it is due now (a site without chairs).' })
  dueOn!: string | null;

  @Field(() => ID, { description: 'Client concerned.' })
  clientId!: string;

  @Field(() => ID, { description: 'Site concerned.' })
  siteId!: string;

  @Field({ description: 'Type of the record to act on: Certification, Equipment, RemsEnrolment or Site.' })
  entityType!: string;

  @Field(() => ID, { description: 'Id of the record to act on (renewCertification, recordMaintenance, renewRemsEnrolment, addChair…).' })
  entityId!: string;

  @Field({ description: 'What it is, in words.' })
  message!: string;
}

const asItems = (entries: AttentionEntry[]) => entries.map((e) => Object.assign(new AttentionItem(), e));

@Resolver(() => Client)
export class AttentionResolver {
  @Query(() => [AttentionItem], {
    name: 'attention',
    description: 'What needs doing within `withinDays` (0–366) across the clients and sites the caller may see, most urgent first: expiring certifications and REMS enrolments, maintenance due, open sites with no chair in service.',
  })
  async attentionAcrossClients(
    @Arg('withinDays', () => Int, { description: 'Look-ahead in days (0–366); overdue items are always included.' }) withinDays: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AttentionItem[]> {
    return asItems(await attentionItems(ctx, withinDays));
  }

  @FieldResolver(() => [AttentionItem], { description: 'What needs doing at this client’s sites within `withinDays` (0–366), most urgent first.' })
  async attention(
    @Root() client: Client,
    @Arg('withinDays', () => Int, { description: 'Look-ahead in days (0–366); overdue items are always included.' }) withinDays: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AttentionItem[]> {
    return asItems(await attentionItems(ctx, withinDays, [client.id]));
  }
}
