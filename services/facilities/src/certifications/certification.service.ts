import { badInput, type RequestContext } from '@infusion/subgraph-kit';
import { lockForChange, lockOpenSite } from '../sites/site.lookup';
import { Certification } from './certification.entity';

export const CERTIFICATION_KIND = /^[A-Z][A-Z0-9_]{1,63}$/;

export interface CertificationInput {
  siteId: string;
  kind: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
}

/** Records a certification or accreditation a site holds. */
export async function addCertification(ctx: RequestContext, input: CertificationInput): Promise<Certification> {
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  if (!CERTIFICATION_KIND.test(input.kind)) throw badInput('The kind is written in capitals, digits and underscores, e.g. USP_797_CLEANROOM', { argument: 'input.kind' });
  const issuer = input.issuer.trim();
  if (!issuer) throw badInput('Say who issued it', { argument: 'input.issuer' });
  if (input.expiresOn <= input.issuedOn) throw badInput('It expires after it was issued', { argument: 'input.expiresOn' });
  const certification = ctx.em.create(Certification, { clientId: site.clientId, siteId: site.id, kind: input.kind, issuer, issuedOn: input.issuedOn, expiresOn: input.expiresOn });
  await ctx.em.flush();
  return certification;
}

/** Renews a certification: a new issue date and a later expiry. */
export async function renewCertification(ctx: RequestContext, input: { id: string; issuedOn: string; expiresOn: string }): Promise<Certification> {
  const certification = await lockForChange(ctx, Certification, input.id, 'input.id');
  if (input.expiresOn <= input.issuedOn) throw badInput('It expires after it was issued', { argument: 'input.expiresOn' });
  if (input.expiresOn <= certification.expiresOn) throw badInput(`A renewal expires after the current expiry (${certification.expiresOn})`, { argument: 'input.expiresOn' });
  if (input.issuedOn < certification.issuedOn) throw badInput('A renewal is issued on or after the current issue date', { argument: 'input.issuedOn' });
  certification.issuedOn = input.issuedOn;
  certification.expiresOn = input.expiresOn;
  await ctx.em.flush();
  return certification;
}
