import { SITE_KIND_DEFAULTS, type ClaimForm, type SiteKind } from '@infusion/domain-codes';
import { badInput, conflict, type RequestContext } from '@infusion/subgraph-kit';
import { requireClientWide } from '../access/operator';
import { Client } from '../clients/client.entity';
import { acceptsNewSites } from '../clients/client.rules';
import { bookingsHolding, refuseWhileBooked } from './chair.bookings';
import { Chair } from './chair.entity';
import { markRetired, retirementReason } from './chair.service';
import { Site } from './site.entity';
import type { CreateSiteInput, UpdateSiteInput } from './site.input';
import { lockForChange } from './site.lookup';
import { addressProblems, kindConsistencyProblems, MAX_REASON, supervisionProblem, timeZoneProblem, type SiteProblem } from './site.rules';

/** BAD_USER_INPUT naming the field to change as `argument` and every field involved in `fields`. */
function refuse(problem: SiteProblem | null | undefined): void {
  if (!problem) return;
  const fields = problem.fields.map((f) => `input.${f}`);
  throw badInput(problem.message, { argument: fields[0], fields });
}

function text(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`\`${argument}\` may not be empty`, { argument });
  return trimmed;
}

/** A site's billing and supervision settings, checked together: the rules relate them. */
interface SiteSettings {
  kind: SiteKind;
  placeOfService: string;
  claimForm: ClaimForm;
  supervision: Site['supervision'];
  supervisionOverrideReason: string | null;
}

function checkSettings(settings: SiteSettings): void {
  for (const problem of kindConsistencyProblems(settings)) refuse(problem);
  refuse(supervisionProblem(settings.kind, settings.supervision, settings.supervisionOverrideReason));
}

const defaultClaimForm = (kind: SiteKind, placeOfService: string): ClaimForm =>
  placeOfService === SITE_KIND_DEFAULTS[kind].placeOfService ? SITE_KIND_DEFAULTS[kind].claimForm : ['19', '22'].includes(placeOfService) ? 'INSTITUTIONAL' : 'PROFESSIONAL';

async function refuseTakenName(ctx: RequestContext, clientId: string, name: string, exceptId?: string): Promise<void> {
  if (await ctx.em.count(Site, { clientId, name, ...(exceptId ? { id: { $ne: exceptId } } : {}) })) {
    throw conflict('The client already has a site with this name', { argument: 'input.name' });
  }
}

/** Opens a new site for a client that is onboarding or active. */
export async function createSite(ctx: RequestContext, input: CreateSiteInput): Promise<Site> {
  requireClientWide(ctx, 'open a site');
  const client = await lockForChange(ctx, Client, input.clientId, 'input.clientId');
  if (!acceptsNewSites(client.status)) throw conflict(`Client ${client.name} is ${client.status}: no new sites`, { argument: 'input.clientId', status: client.status });
  const name = text(input.name, 'input.name');
  const defaults = SITE_KIND_DEFAULTS[input.kind];
  const placeOfService = input.placeOfService ?? defaults.placeOfService;
  const reason = input.supervisionReason?.trim() || null;
  const settings: SiteSettings = {
    kind: input.kind,
    placeOfService,
    claimForm: input.claimForm ?? defaultClaimForm(input.kind, placeOfService),
    supervision: input.supervision ?? defaults.supervision,
    supervisionOverrideReason: null,
  };
  settings.supervisionOverrideReason = settings.supervision === defaults.supervision ? null : reason;
  checkSettings(settings);
  refuse(timeZoneProblem(input.timeZone));
  for (const problem of addressProblems(input)) refuse(problem);
  await refuseTakenName(ctx, client.id, name);
  const site = ctx.em.create(Site, {
    clientId: client.id, name, ...settings, timeZone: input.timeZone,
    street: text(input.street, 'input.street'), city: text(input.city, 'input.city'), state: input.state, postalCode: input.postalCode,
    chairsPerNurse: input.chairsPerNurse ?? 3,
  });
  await ctx.em.flush();
  return site;
}

/**
 * Changes a site. A new kind brings its default place of service and claim form unless they are
 * given too; whatever results must agree (both fields named when not). The supervision rule is
 * re-checked against the kind, so changing the kind may need a reason for a kept override.
 */
export async function updateSite(ctx: RequestContext, input: UpdateSiteInput): Promise<Site> {
  const site = await lockForChange(ctx, Site, input.id, 'input.id');
  if (input.expectedVersion != null && input.expectedVersion !== site.version) {
    throw conflict('The site was changed by someone else; reload and try again', { argument: 'input.expectedVersion', version: site.version });
  }
  if (site.status === 'CLOSED') throw conflict(`Site ${site.name} is closed`, { argument: 'input.id' });
  const kind = input.kind ?? site.kind;
  const kindChanged = kind !== site.kind;
  const defaults = SITE_KIND_DEFAULTS[kind];
  const placeOfService = input.placeOfService ?? (kindChanged ? defaults.placeOfService : site.placeOfService);
  const claimForm = input.claimForm ?? (kindChanged || input.placeOfService != null ? defaultClaimForm(kind, placeOfService) : site.claimForm);
  const supervision = input.supervision ?? site.supervision;
  const givenReason = input.supervisionReason?.trim() || null;
  const reason = supervision === defaults.supervision ? null : givenReason ?? (supervision === site.supervision && !kindChanged ? site.supervisionOverrideReason : null);
  if (givenReason && givenReason.length > MAX_REASON) throw badInput(`The reason may be at most ${MAX_REASON} characters`, { argument: 'input.supervisionReason' });
  checkSettings({ kind, placeOfService, claimForm, supervision, supervisionOverrideReason: reason });
  if (input.timeZone != null) refuse(timeZoneProblem(input.timeZone));
  for (const problem of addressProblems({ state: input.state ?? undefined, postalCode: input.postalCode ?? undefined, street: input.street ?? undefined, city: input.city ?? undefined })) refuse(problem);
  if (input.name != null) {
    const name = text(input.name, 'input.name');
    if (name !== site.name) await refuseTakenName(ctx, site.clientId, name, site.id);
    site.name = name;
  }
  Object.assign(site, { kind, placeOfService, claimForm, supervision, supervisionOverrideReason: reason });
  if (input.timeZone != null) site.timeZone = input.timeZone;
  if (input.street != null) site.street = input.street.trim();
  if (input.city != null) site.city = input.city.trim();
  if (input.state != null) site.state = input.state;
  if (input.postalCode != null) site.postalCode = input.postalCode;
  if (input.chairsPerNurse != null) site.chairsPerNurse = input.chairsPerNurse;
  await ctx.em.flush();
  return site;
}

/**
 * Closes a site for good: refused while any visit still holds one of its chairs (listed, as
 * scheduling answers); otherwise its chairs are retired (ChairRetired each, so scheduling stops
 * booking them) and every later date reads closed in `openingHours`.
 */
export async function closeSite(ctx: RequestContext, siteId: string, reason: string): Promise<Site> {
  const site = await lockForChange(ctx, Site, siteId, 'id');
  const why = retirementReason(reason);
  if (site.status === 'CLOSED') throw conflict(`Site ${site.name} is already closed`, { argument: 'id', closedAt: site.closedAt });
  const chairs = await ctx.em.find(Chair, { siteId: site.id, retiredAt: null });
  refuseWhileBooked(`Site ${site.name} cannot be closed`, await bookingsHolding(ctx, chairs.map((c) => c.id)), 'id');
  for (const chair of chairs) await markRetired(ctx, chair, `Site closed: ${why}`.slice(0, 500));
  site.status = 'CLOSED';
  site.closedAt = new Date();
  site.closeReason = why;
  await ctx.em.flush();
  return site;
}
