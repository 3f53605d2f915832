import type { RequestContext } from '@infusion/subgraph-kit';
import { ContractSite } from '../contracts/contract-site.entity';
import { FeeSchedule } from '../contracts/fee-schedule.entity';
import type { ManagementContract } from '../contracts/management-contract.entity';
import { scheduleVersionsOf } from '../contracts/management-contract.resolver';
import type { TherapyClass } from './fee.rules';
import { termsOf } from './fee.service';
import type { PeriodPricing } from './period.rules';

/**
 * Everything the period engine needs to price a contract's period, from billing's own tables:
 * the schedule versions, the covered sites, and the daily rollups of treatments and collections
 * (never the ledgers row by row, and never another subgraph's tables). Chairs come from
 * facilities through the graph, and only when a version prices chairs.
 */
export async function contractPricing(ctx: RequestContext, contract: ManagementContract, period: { from: string; to: string }): Promise<PeriodPricing> {
  const [versions, sites] = await Promise.all([
    scheduleVersionsOf(ctx, contract.id),
    ctx.loaders.manyBy(ContractSite, 'contractId', { orderBy: { siteId: 'asc' } }).load(contract.id),
  ]);
  const terms = await Promise.all(versions.map((v) => termsOf(ctx, v)));
  const chairsBySite = new Map<string, number>();
  if (terms.some((t) => t.flatPerChairMonthly) && sites.length) {
    const found = await ctx.graph.entities<{ id: string; chairs: { active: boolean }[] }>('facilities', 'Site', sites.map((s) => s.siteId), 'chairs { active }');
    for (const site of found) if (site) chairsBySite.set(site.id, site.chairs.filter((c) => c.active).length);
  }
  const params = [contract.clientId, period.from, period.to];
  const [treatments, collections] = await Promise.all([
    ctx.em.execute<{ site_id: string; service_date: string; therapy_class: TherapyClass; treatments: number }[]>(
      `select site_id, to_char(service_date, 'YYYY-MM-DD') as service_date, therapy_class, treatments
         from billing.treatment_day where client_id = ? and service_date between ? and ?`,
      params,
    ),
    ctx.em.execute<{ site_id: string; received_on: string; amount: string }[]>(
      `select site_id, to_char(received_on, 'YYYY-MM-DD') as received_on, amount::text as amount
         from billing.collection_day where client_id = ? and received_on between ? and ?`,
      params,
    ),
  ]);
  return {
    period,
    contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
    versions: versions.map((v, i) => ({ id: v.id, effectiveFrom: v.effectiveFrom, terms: terms[i]! })),
    sites: sites.map((s) => ({ siteId: s.siteId, coveredFrom: s.coveredFrom, coveredTo: s.coveredTo, chairs: chairsBySite.get(s.siteId) ?? 0 })),
    treatments: treatments.map((t) => ({ serviceDate: t.service_date, siteId: t.site_id, therapyClass: t.therapy_class, treatments: Number(t.treatments) })),
    collections: collections.map((c) => ({ serviceDate: c.received_on, siteId: c.site_id, amount: c.amount })),
  };
}

/**
 * The same inputs for many contracts over a range of months at once, for reports: a handful of
 * statements whatever the number of contracts (versions, tiers, bands, sites, and the daily
 * rollups of all their clients), grouped here by contract.
 */
export async function contractsPricing(
  ctx: RequestContext,
  contracts: ManagementContract[],
  range: { from: string; to: string },
): Promise<Map<string, Omit<PeriodPricing, 'period'>>> {
  const out = new Map<string, Omit<PeriodPricing, 'period'>>();
  if (contracts.length === 0) return out;
  const ids = contracts.map((c) => c.id);
  const clientIds = [...new Set(contracts.map((c) => c.clientId))];
  const [versions, sites] = await Promise.all([
    ctx.em.find(FeeSchedule, { contractId: { $in: ids } }, { orderBy: { effectiveFrom: 'asc' } }),
    ctx.em.find(ContractSite, { contractId: { $in: ids } }),
  ]);
  const terms = await Promise.all(versions.map((v) => termsOf(ctx, v)));
  const chairsBySite = new Map<string, number>();
  if (terms.some((t) => t.flatPerChairMonthly) && sites.length) {
    const siteIds = [...new Set(sites.map((s) => s.siteId))];
    const found = await ctx.graph.entities<{ id: string; chairs: { active: boolean }[] }>('facilities', 'Site', siteIds, 'chairs { active }');
    for (const site of found) if (site) chairsBySite.set(site.id, site.chairs.filter((c) => c.active).length);
  }
  const params = [`{${clientIds.join(',')}}`, range.from, range.to];
  const [treatments, collections] = await Promise.all([
    ctx.em.execute<{ client_id: string; site_id: string; service_date: string; therapy_class: TherapyClass; treatments: number }[]>(
      `select client_id, site_id, to_char(service_date, 'YYYY-MM-DD') as service_date, therapy_class, treatments
         from billing.treatment_day where client_id = any(?::uuid[]) and service_date between ? and ?`,
      params,
    ),
    ctx.em.execute<{ client_id: string; site_id: string; received_on: string; amount: string }[]>(
      `select client_id, site_id, to_char(received_on, 'YYYY-MM-DD') as received_on, amount::text as amount
         from billing.collection_day where client_id = any(?::uuid[]) and received_on between ? and ?`,
      params,
    ),
  ]);
  for (const contract of contracts) {
    const own = versions.map((v, i) => ({ v, t: terms[i]! })).filter(({ v }) => v.contractId === contract.id);
    out.set(contract.id, {
      contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
      versions: own.map(({ v, t }) => ({ id: v.id, effectiveFrom: v.effectiveFrom, terms: t })),
      sites: sites.filter((s) => s.contractId === contract.id).map((s) => ({ siteId: s.siteId, coveredFrom: s.coveredFrom, coveredTo: s.coveredTo, chairs: chairsBySite.get(s.siteId) ?? 0 })),
      treatments: treatments
        .filter((t) => t.client_id === contract.clientId)
        .map((t) => ({ serviceDate: t.service_date, siteId: t.site_id, therapyClass: t.therapy_class, treatments: Number(t.treatments) })),
      collections: collections.filter((c) => c.client_id === contract.clientId).map((c) => ({ serviceDate: c.received_on, siteId: c.site_id, amount: c.amount })),
    });
  }
  return out;
}
