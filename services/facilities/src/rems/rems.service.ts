import { REMS_PROGRAMMES } from '@infusion/domain-codes';
import { badInput, conflict, type RequestContext } from '@infusion/subgraph-kit';
import { lockForChange, lockOpenSite } from '../sites/site.lookup';
import { RemsEnrolment } from './rems-enrolment.entity';

export interface RemsEnrolmentInput {
  siteId: string;
  programme: string;
  enrolmentNumber?: string | null;
  enrolledOn: string;
  expiresOn?: string | null;
}

/** Enrols a site in a REMS programme; one enrolment per programme and site (renew it to extend). */
export async function enrolSiteInRems(ctx: RequestContext, input: RemsEnrolmentInput): Promise<RemsEnrolment> {
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  if (!(input.programme in REMS_PROGRAMMES)) throw badInput(`Unknown REMS programme; known: ${Object.keys(REMS_PROGRAMMES).join(', ')}`, { argument: 'input.programme' });
  if (input.expiresOn != null && input.expiresOn <= input.enrolledOn) throw badInput('The enrolment expires after it began', { argument: 'input.expiresOn' });
  if (await ctx.em.count(RemsEnrolment, { siteId: site.id, programme: input.programme })) {
    throw conflict(`Site ${site.name} is already enrolled in ${input.programme}; renew that enrolment instead`, { argument: 'input.programme' });
  }
  const enrolment = ctx.em.create(RemsEnrolment, {
    clientId: site.clientId, siteId: site.id, programme: input.programme, enrolmentNumber: input.enrolmentNumber?.trim() || null,
    enrolledOn: input.enrolledOn, expiresOn: input.expiresOn ?? null,
  });
  await ctx.em.flush();
  return enrolment;
}

/** Extends an enrolment to a later expiry. */
export async function renewRemsEnrolment(ctx: RequestContext, id: string, expiresOn: string): Promise<RemsEnrolment> {
  const enrolment = await lockForChange(ctx, RemsEnrolment, id, 'id');
  if (expiresOn <= enrolment.enrolledOn || (enrolment.expiresOn !== null && expiresOn <= enrolment.expiresOn)) {
    throw badInput('A renewal expires after the current expiry', { argument: 'expiresOn' });
  }
  enrolment.expiresOn = expiresOn;
  await ctx.em.flush();
  return enrolment;
}
