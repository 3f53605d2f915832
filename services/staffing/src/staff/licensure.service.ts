import { badInput, type RequestContext } from '@infusion/subgraph-kit';
import { competenciesOf, licensesOf } from './staff.loader';
import { canPracticeIn, hasCompetency, normaliseCompetencyKind, normaliseStateCode } from './licensure.rules';

/** Whether the staff member holds a licence that covers `state` on the date `on`. */
export async function staffCanPracticeIn(ctx: RequestContext, staffMemberId: string, state: string, on: string): Promise<boolean> {
  const code = normaliseStateCode(state);
  if (!code) throw badInput('`state` must be a two-letter US state code, e.g. TX', { argument: 'state' });
  return canPracticeIn(await licensesOf(ctx).load(staffMemberId), code, on);
}

/** Whether the staff member holds a competency of `kind` that is unexpired on the date `on`. */
export async function staffHasCompetency(ctx: RequestContext, staffMemberId: string, kind: string, on: string): Promise<boolean> {
  const code = normaliseCompetencyKind(kind);
  if (!code) throw badInput('`kind` must be a competency code, e.g. BIOTHERAPY', { argument: 'kind' });
  return hasCompetency(await competenciesOf(ctx).load(staffMemberId), code, on);
}
