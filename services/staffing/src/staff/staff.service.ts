import { AppError, badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode } from '@mikro-orm/core';
import { requireClientSite, requireSiteOfClient } from '../references/owners';
import { Competency } from './competency.entity';
import { License } from './license.entity';
import { normaliseCompetencyKind, normaliseStateCode } from './licensure.rules';
import { StaffMember } from './staff-member.entity';
import type { NewCompetencyInput, NewLicenseInput, NewStaffMemberInput, StaffMemberChangesInput } from './staff.input';
import { PROVIDER_ROLES, employmentProblem, formatCents, hourlyCostProblem, licenseProblem, toCents, type Problem } from './staff.rules';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const NPI = /^\d{10}$/;

const refuse = (problem: Problem | null): void => {
  if (problem) throw badInput(problem.message, { argument: problem.argument });
};

/** NOT_FOUND naming the argument: another client's id and a made-up one answer alike. */
export const notFoundAs = (type: string, id: string, argument: string): AppError =>
  new AppError('NOT_FOUND', `${type} ${id} was not found`, { type, id, argument });

/**
 * A staff member the caller may change: of its clients (tenant filter) and, for a caller limited
 * to sites, based at one of them. Locked for the rest of the transaction, so writes about one
 * person (their shifts, leave, cover) queue up instead of racing.
 */
export async function lockStaffMember(ctx: RequestContext, id: string, argument: string, options: { anyHomeSite?: boolean } = {}): Promise<StaffMember> {
  // findOne with a lock mode (`select … for update`) rather than em.lock, which names the table without its schema.
  const member = isUuid(id) ? await ctx.em.findOne(StaffMember, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!member || (!options.anyHomeSite && ctx.tenant.siteIds && !ctx.tenant.siteIds.includes(member.homeSiteId))) throw notFoundAs('StaffMember', id, argument);
  return member;
}

function checkPerson(person: { firstName: string; lastName: string; email: string; npi: string | null; role: StaffMember['role'] }): void {
  if (!person.firstName) throw badInput('`firstName` may not be empty', { argument: 'input.firstName' });
  if (!person.lastName) throw badInput('`lastName` may not be empty', { argument: 'input.lastName' });
  if (!EMAIL.test(person.email)) throw badInput('`email` must be an email address', { argument: 'input.email' });
  if (person.npi !== null && !NPI.test(person.npi)) throw badInput('`npi` must be 10 digits', { argument: 'input.npi' });
  if (person.npi === null && PROVIDER_ROLES.includes(person.role)) {
    throw badInput('Prescribing and supervising providers (NP, PA, physician) need an NPI', { argument: 'input.npi' });
  }
}

const textOrNull = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Adds a person to a client's staff, at one of that client's sites, with what their hour costs. */
export async function createStaffMember(ctx: RequestContext, input: NewStaffMemberInput): Promise<StaffMember> {
  // Who and where first: a caller learns nothing about a write to a client or site it cannot see.
  await requireClientSite(ctx, { clientId: input.clientId, siteId: input.homeSiteId }, { client: 'input.clientId', site: 'input.homeSiteId' });
  const person = {
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    email: input.email.trim().toLowerCase(),
    npi: textOrNull(input.npi),
    role: input.role,
  };
  checkPerson(person);
  const employment = input.employment ?? 'EMPLOYEE';
  const agencyName = textOrNull(input.agencyName);
  refuse(employmentProblem(employment, agencyName));
  refuse(hourlyCostProblem(input.hourlyCost, 'input.hourlyCost'));
  const member = ctx.em.create(StaffMember, {
    ...person,
    clientId: input.clientId,
    homeSiteId: input.homeSiteId,
    employment,
    agencyName,
    hourlyCost: formatCents(toCents(input.hourlyCost)!),
    active: true,
  });
  await ctx.em.flush();
  return member;
}

/** Changes a staff member; a new home site must be one of the same client's. */
export async function updateStaffMember(ctx: RequestContext, id: string, input: StaffMemberChangesInput): Promise<StaffMember> {
  const member = await lockStaffMember(ctx, id, 'id');
  if (input.homeSiteId != null && input.homeSiteId !== member.homeSiteId) {
    await requireSiteOfClient(ctx, input.homeSiteId, member.clientId, 'input.homeSiteId');
    member.homeSiteId = input.homeSiteId;
  }
  const person = {
    firstName: input.firstName != null ? input.firstName.trim() : member.firstName,
    lastName: input.lastName != null ? input.lastName.trim() : member.lastName,
    email: input.email != null ? input.email.trim().toLowerCase() : member.email,
    npi: input.npi !== undefined ? textOrNull(input.npi) : member.npi,
    role: input.role ?? member.role,
  };
  checkPerson(person);
  const employment = input.employment ?? member.employment;
  const agencyName = input.agencyName !== undefined ? textOrNull(input.agencyName) : employment === 'EMPLOYEE' ? null : member.agencyName;
  refuse(employmentProblem(employment, agencyName));
  if (input.hourlyCost != null) {
    refuse(hourlyCostProblem(input.hourlyCost, 'input.hourlyCost'));
    member.hourlyCost = formatCents(toCents(input.hourlyCost)!);
  }
  Object.assign(member, person, { employment, agencyName });
  if (input.active != null) member.active = input.active;
  await ctx.em.flush();
  return member;
}

/** Records a licence; a number is issued once per state and kind (CONFLICT otherwise). */
export async function addLicense(ctx: RequestContext, input: NewLicenseInput): Promise<License> {
  const member = await lockStaffMember(ctx, input.staffMemberId, 'input.staffMemberId');
  const state = normaliseStateCode(input.state) ?? input.state;
  const multistate = input.multistate ?? false;
  refuse(licenseProblem({ state, type: input.type, multistate }));
  const number = input.number.trim();
  if (!number) throw badInput('`number` may not be empty', { argument: 'input.number' });
  const license = ctx.em.create(License, { clientId: member.clientId, staffMemberId: member.id, state, number, type: input.type, multistate, expiresOn: input.expiresOn });
  await ctx.em.flush();
  return license;
}

/** Records a competency or certification with its expiry. */
export async function addCompetency(ctx: RequestContext, input: NewCompetencyInput): Promise<Competency> {
  const member = await lockStaffMember(ctx, input.staffMemberId, 'input.staffMemberId');
  const kind = normaliseCompetencyKind(input.kind);
  if (!kind) throw badInput('`kind` must be a competency code, e.g. BIOTHERAPY', { argument: 'input.kind' });
  const competency = ctx.em.create(Competency, { clientId: member.clientId, staffMemberId: member.id, kind, expiresOn: input.expiresOn });
  await ctx.em.flush();
  return competency;
}
