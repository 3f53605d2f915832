import { addDays, buildDemoWorld, weekday } from '@infusion/demo-data';
import { CONTEXT_HEADER, signCallerContext, signingKey, type Principal } from '@infusion/subgraph-kit/auth';
import { graphqlOk, type PlatformInfo } from '@infusion/testkit';
import type { Result } from './result';
import { round } from './timing';

const PROPOSAL = `query($siteId: ID!, $date: LocalDate!) { dayOptimisationProposal(siteId: $siteId, date: $date) {
  visits standardVisitMinutes moves { expectedVersion }
  before { peakChairsInUse roomForStandardVisits utilisation utilisationWithRoomFilled }
  after { peakChairsInUse roomForStandardVisits utilisation utilisationWithRoomFilled } } }`;

interface Load { peakChairsInUse: number; roomForStandardVisits: number; utilisation: number; utilisationWithRoomFilled: number }
interface Proposal { visits: number; standardVisitMinutes: number; moves: unknown[]; before: Load; after: Load }


/** The first `wanted` weekday (0 = Sunday) at least two days after `date`. */
function nextWeekday(date: string, wanted: number): string {
  let day = addDays(date, 2);
  while (weekday(day) !== wanted) day = addDays(day, 1);
  return day;
}

/**
 * Day optimisation on the demo data: for every demo site on one weekday (the Wednesday after the
 * anchor), and for the whole next Monday–Friday, the peak of chairs in use and the room for more
 * standard visits before and after the proposal (read-only: nothing is applied).
 */
export async function benchOptimisation(info: PlatformInfo, results: Result[]): Promise<void> {
  const world = buildDemoWorld(info.seed, info.anchorDate);
  const principal: Principal = { kind: 'OPS_USER', id: 'bench', credentialId: null, name: 'bench', role: 'OPERATIONS', clientIds: null, siteIds: null, scopes: ['scheduling:read'] };
  // A short-lived context per call, as the gateway signs them.
  const propose = async (siteId: string, date: string) => {
    const context = await signCallerContext({ principal, requestId: 'bench-optimisation', remoteAddress: '127.0.0.1' }, signingKey(info.contextSigningKey));
    return (await graphqlOk<{ dayOptimisationProposal: Proposal }>(info.subgraphUrls.scheduling!, PROPOSAL, { siteId, date }, { [CONTEXT_HEADER]: context })).dayOptimisationProposal;
  };

  const wednesday = nextWeekday(info.anchorDate, 3);
  const monday = nextWeekday(addDays(wednesday, 1), 1);
  const week = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
  const days: { date: string; site: string; p: Proposal; ms: number }[] = [];
  for (const date of [wednesday, ...week]) {
    for (const site of world.sites) {
      const started = performance.now();
      days.push({ date, site: site.name, p: await propose(site.id, date), ms: performance.now() - started });
    }
  }
  console.log(`\n  day optimisation on the demo data (${wednesday}, then ${week[0]}–${week[4]}):`);
  for (const { date, site, p } of days.filter((d) => d.date === wednesday)) {
    console.log(
      `    ${date} ${site.padEnd(44)} visits ${String(p.visits).padStart(2)}  peak ${p.before.peakChairsInUse} → ${p.after.peakChairsInUse}  room ${p.before.roomForStandardVisits} → ${p.after.roomForStandardVisits} × ${p.standardVisitMinutes} min  moves ${p.moves.length}`,
    );
  }
  const sum = (list: typeof days, pick: (p: Proposal) => number) => list.reduce((total, d) => total + pick(d.p), 0);
  const gain = (list: typeof days) => (100 * (sum(list, (p) => p.after.roomForStandardVisits) - sum(list, (p) => p.before.roomForStandardVisits))) / Math.max(1, sum(list, (p) => p.visits));
  // Over every site, weighted by its chairs (the demo sites keep the same hours).
  const chairs = new Map(world.sites.map((site) => [site.name, world.chairs.filter((c) => c.siteId === site.id).length]));
  const attainable = (list: typeof days, pick: (p: Proposal) => Load) =>
    list.reduce((acc, d) => acc + pick(d.p).utilisationWithRoomFilled * chairs.get(d.site)!, 0) / list.reduce((acc, d) => acc + chairs.get(d.site)!, 0);
  const oneDay = days.filter((d) => d.date === wednesday);
  const peakBefore = sum(oneDay, (p) => p.before.peakChairsInUse);
  const peakAfter = sum(oneDay, (p) => p.after.peakChairsInUse);
  const label = `day optimisation ${wednesday} (Wed), ${world.sites.length} demo sites`;
  results.push({ name: `${label}: peak chairs in use, summed over sites`, unit: 'chairs', value: peakAfter, baseline: peakBefore, ratio: round(peakAfter / peakBefore, 2) });
  const utilBefore = attainable(oneDay, (p) => p.before);
  const utilAfter = attainable(oneDay, (p) => p.after);
  results.push({ name: `${label}: chair utilisation with the free room booked`, unit: '%', value: round(100 * utilAfter), baseline: round(100 * utilBefore), ratio: round(utilAfter / utilBefore, 2) });
  results.push({ name: `${label}: room for more daily volume (extra standard visits / visits)`, unit: '%', value: round(gain(oneDay)) });
  results.push({ name: `day optimisation ${week[0]}–${week[4]} (Mon–Fri), ${world.sites.length} demo sites: room for more daily volume`, unit: '%', value: round(gain(days.filter((d) => d.date !== wednesday))) });
  const latencies = days.map((d) => d.ms).sort((a, b) => a - b);
  results.push({ name: 'dayOptimisationProposal p50 (one site-day, sequential)', unit: 'ms', value: round(latencies[Math.floor(latencies.length / 2)]!) });
}
