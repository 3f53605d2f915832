import { AppError, badInput, conflict, forbidden, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { FeeRuleError } from '../fees/decimal';
import { checkScheduleTerms, type FeeScheduleTerms } from '../fees/fee.rules';
import type { AmendFeeScheduleInput, ContractSiteInput, CreateManagementContractInput, FeeScheduleTermsInput, UpdateManagementContractInput } from './contract.input';
import { ContractSite } from './contract-site.entity';
import { FeePercentTier } from './fee-percent-tier.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { FeeTier } from './fee-tier.entity';
import { MANAGED_SERVICES, ManagementContract, type ManagedService } from './management-contract.entity';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * A contract belongs to the whole client (its fee counts every covered site), so only a caller
 * who sees the whole client may change it: a key limited to some sites may read contracts, never
 * write them.
 */
function requireWholeClientCaller(ctx: RequestContext): void {
  if (ctx.tenant.siteIds) throw forbidden('Management contracts cover a whole client; a caller limited to sites may not change them');
}

function checkServices(services: readonly ManagedService[], argument: string): ManagedService[] {
  const unique = [...new Set(services)];
  if (unique.length === 0) throw badInput('Name at least one service the operator performs', { argument });
  if (unique.some((s) => !MANAGED_SERVICES.includes(s))) throw badInput('Unknown service', { argument });
  return unique;
}

function checkName(name: string, argument: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('A contract needs a name', { argument });
  return trimmed;
}

/** Locks the contract (amendments and coverage changes of one contract queue up), or NOT_FOUND. */
async function lockedContract(ctx: RequestContext, id: string, argument: string): Promise<ManagementContract> {
  // The tenant filter hides other clients' contracts: they answer like ids that do not exist.
  const contract = isUuid(id) ? await ctx.em.findOne(ManagementContract, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!contract) throw missing('ManagementContract', id, argument);
  return contract;
}

/** NOT_FOUND naming the argument that held the id. */
const missing = (type: string, id: string, argument: string) => new AppError('NOT_FOUND', `${type} ${id} was not found`, { type, id, argument });

/**
 * The sites named exist for the caller and belong to the client, asked of facilities as the
 * caller (billing never reads facilities' tables). Another client's site answers NOT_FOUND like
 * one that does not exist.
 */
async function verifySites(ctx: RequestContext, clientId: string, siteIds: readonly string[], argument: string): Promise<void> {
  if (siteIds.length === 0) return;
  for (const id of siteIds) if (!isUuid(id)) throw badInput(`\`${argument}\` holds an id that is not valid`, { argument });
  const sites = await ctx.graph.entities<{ id: string; clientId: string }>('facilities', 'Site', siteIds, 'clientId');
  sites.forEach((site, index) => {
    if (!site || site.clientId !== clientId) throw missing('Site', siteIds[index]!, argument);
  });
}

interface Coverage {
  siteId: string;
  coveredFrom: string;
  coveredTo: string | null;
}

/** Each site once, inside the contract's dates, ending after it starts. */
function coverageOf(contract: Pick<ManagementContract, 'effectiveFrom' | 'effectiveTo'>, sites: readonly ContractSiteInput[], argument: string): Coverage[] {
  const seen = new Set<string>();
  return sites.map((site) => {
    if (seen.has(site.siteId)) throw badInput(`Site ${site.siteId} is listed twice`, { argument });
    seen.add(site.siteId);
    const coveredFrom = site.coveredFrom ?? contract.effectiveFrom;
    const coveredTo = site.coveredTo ?? null;
    if (coveredFrom < contract.effectiveFrom) throw badInput('A site cannot be covered before the contract starts', { argument });
    if (contract.effectiveTo !== null && coveredFrom > contract.effectiveTo) throw badInput('A site cannot be covered after the contract ends', { argument });
    if (coveredTo !== null && coveredTo < coveredFrom) throw badInput('A site’s coverage ends before it starts', { argument });
    return { siteId: site.siteId, coveredFrom, coveredTo };
  });
}

function insertCoverage(ctx: RequestContext, contract: ManagementContract, coverage: Coverage[]): void {
  for (const site of coverage) ctx.em.create(ContractSite, { clientId: contract.clientId, contractId: contract.id, ...site });
}

const nameTaken = (error: unknown) => error instanceof UniqueConstraintViolationException;

export async function createManagementContract(ctx: RequestContext, input: CreateManagementContractInput): Promise<ManagementContract> {
  requireWholeClientCaller(ctx);
  const name = checkName(input.name, 'input.name');
  const services = checkServices(input.services, 'input.services');
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null && effectiveTo < input.effectiveFrom) throw badInput('The contract ends before it starts', { argument: 'input.effectiveTo' });
  const currency = input.currency ?? 'USD';
  if (!CURRENCY.test(currency)) throw badInput('currency must be an ISO 4217 code such as "USD"', { argument: 'input.currency' });
  const coverage = coverageOf({ effectiveFrom: input.effectiveFrom, effectiveTo }, input.sites ?? [], 'input.sites');

  await ctx.graph.require('facilities', 'Client', input.clientId, 'id', 'input.clientId');
  await verifySites(ctx, input.clientId, coverage.map((s) => s.siteId), 'input.sites');

  const contract = ctx.em.create(ManagementContract, {
    clientId: input.clientId,
    name,
    services,
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
    billingPeriod: input.billingPeriod ?? 'MONTHLY',
    currency,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (nameTaken(error)) throw conflict(`The client already has a contract named ${name}`, { argument: 'input.name' });
    throw error;
  }
  // Plain id columns carry no ORM relation, so the contract is written before the rows that point at it.
  insertCoverage(ctx, contract, coverage);
  await ctx.em.flush();
  return contract;
}

export async function updateManagementContract(ctx: RequestContext, id: string, input: UpdateManagementContractInput): Promise<ManagementContract> {
  requireWholeClientCaller(ctx);
  const contract = await lockedContract(ctx, id, 'id');
  if (input.name !== undefined && input.name !== null) contract.name = checkName(input.name, 'input.name');
  if (input.services) contract.services = checkServices(input.services, 'input.services');
  if (input.billingPeriod) contract.billingPeriod = input.billingPeriod;
  if (input.effectiveTo !== undefined && input.effectiveTo !== null) {
    if (input.effectiveTo < contract.effectiveFrom) throw badInput('The contract ends before it starts', { argument: 'input.effectiveTo' });
    contract.effectiveTo = input.effectiveTo;
  }
  try {
    await ctx.em.flush();
  } catch (error) {
    if (nameTaken(error)) throw conflict(`The client already has a contract named ${contract.name}`, { argument: 'input.name' });
    throw error;
  }
  return contract;
}

/** Replaces the sites a contract covers (and the days it covers each). */
export async function setContractSites(ctx: RequestContext, contractId: string, sites: readonly ContractSiteInput[]): Promise<ManagementContract> {
  requireWholeClientCaller(ctx);
  const contract = await lockedContract(ctx, contractId, 'contractId');
  const coverage = coverageOf(contract, sites, 'sites');
  await verifySites(ctx, contract.clientId, coverage.map((s) => s.siteId), 'sites');
  await ctx.em.nativeDelete(ContractSite, { contractId: contract.id });
  insertCoverage(ctx, contract, coverage);
  await ctx.em.flush();
  return contract;
}

/** The engine's view of a schedule input (tiers and bands included). */
export function termsOfInput(input: FeeScheduleTermsInput): FeeScheduleTerms {
  return {
    basis: input.basis,
    percent: input.percent ?? null,
    monthlyMinimum: input.monthlyMinimum ?? null,
    monthlyCap: input.monthlyCap ?? null,
    flatPerSiteMonthly: input.flatPerSiteMonthly ?? null,
    flatPerChairMonthly: input.flatPerChairMonthly ?? null,
    fixedAnnualFee: input.fixedAnnualFee ?? null,
    collectionsFloor: input.collectionsFloor ?? null,
    tiersPerSite: input.tiersPerSite ?? false,
    tiers: (input.tiers ?? []).map((t) => ({ fromTreatments: t.fromTreatments, toTreatments: t.toTreatments ?? null, feePerTreatment: t.feePerTreatment, therapyClass: t.therapyClass ?? null })),
    percentTiers: (input.percentTiers ?? []).map((t) => ({ upToCollections: t.upToCollections ?? null, percent: t.percent })),
  };
}

/** Schedule terms the rules refuse answer BAD_USER_INPUT naming the input field. */
export function checkTermsInput(terms: FeeScheduleTerms, path: string): void {
  try {
    checkScheduleTerms(terms);
  } catch (error) {
    if (error instanceof FeeRuleError) throw badInput(error.message, { argument: `${path}.${error.field === 'feePerTreatment' ? 'tiers' : (error.field ?? 'basis')}` });
    throw error;
  }
}

/**
 * A new version of the contract's fee schedule from `effectiveFrom`. Earlier versions are never
 * changed: the days before the amendment stay priced by the terms in force then, and a month the
 * amendment falls in is priced in parts. One version per day (CONFLICT for a second).
 */
export async function amendFeeSchedule(ctx: RequestContext, contractId: string, input: AmendFeeScheduleInput): Promise<FeeSchedule> {
  requireWholeClientCaller(ctx);
  const contract = await lockedContract(ctx, contractId, 'contractId');
  if (input.effectiveFrom < contract.effectiveFrom || (contract.effectiveTo !== null && input.effectiveFrom > contract.effectiveTo)) {
    throw badInput('A schedule takes effect while its contract is in force', { argument: 'input.effectiveFrom' });
  }
  // The past stays as invoiced: a version may not take effect inside a period already invoiced.
  const [invoiced] = await ctx.em.execute<{ period_to: string }[]>(
    `select to_char(max(period_to), 'YYYY-MM-DD') as period_to from billing.fee_invoice where client_id = ? and contract_id = ? and status <> 'CREDITED'`,
    [contract.clientId, contract.id],
  );
  if (invoiced?.period_to && input.effectiveFrom <= invoiced.period_to) {
    throw conflict(`The contract is invoiced up to ${invoiced.period_to}; an amendment takes effect after that`, { argument: 'input.effectiveFrom' });
  }
  const terms = termsOfInput(input);
  checkTermsInput(terms, 'input');
  const existing = await ctx.em.findOne(FeeSchedule, { contractId: contract.id, effectiveFrom: input.effectiveFrom });
  if (existing) throw conflict(`A version of the schedule already takes effect on ${input.effectiveFrom}`, { argument: 'input.effectiveFrom', feeScheduleId: existing.id });

  const schedule = ctx.em.create(FeeSchedule, {
    clientId: contract.clientId,
    contractId: contract.id,
    effectiveFrom: input.effectiveFrom,
    basis: terms.basis,
    percent: terms.percent,
    monthlyMinimum: terms.monthlyMinimum,
    monthlyCap: terms.monthlyCap,
    flatPerSiteMonthly: terms.flatPerSiteMonthly,
    flatPerChairMonthly: terms.flatPerChairMonthly ?? null,
    fixedAnnualFee: terms.fixedAnnualFee ?? null,
    collectionsFloor: terms.collectionsFloor ?? null,
    tiersPerSite: terms.tiersPerSite ?? false,
  });
  await ctx.em.flush();
  for (const tier of terms.tiers) ctx.em.create(FeeTier, { clientId: contract.clientId, feeScheduleId: schedule.id, ...tier, therapyClass: tier.therapyClass ?? null });
  for (const band of terms.percentTiers ?? []) ctx.em.create(FeePercentTier, { clientId: contract.clientId, feeScheduleId: schedule.id, ...band });
  await ctx.em.flush();
  return schedule;
}
