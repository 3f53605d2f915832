import type { RequestContext } from '@infusion/subgraph-kit';
import { ContractSite } from '../contracts/contract-site.entity';
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
