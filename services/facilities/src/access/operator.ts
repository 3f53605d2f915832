import { forbidden, type RequestContext } from '@infusion/subgraph-kit';

/**
 * Who may do what beyond the scopes (facilities:write is checked by the kit for every mutation):
 * the tenant filter already hides other clients' rows, these add the rules that depend on who the
 * caller is rather than which rows it sees.
 */

/** Onboarding a new client is the operator's act: an ops user not limited to some clients. */
export function requireUnrestrictedOperator(ctx: RequestContext, what: string): void {
  const { principal } = ctx.caller;
  if (principal.kind !== 'OPS_USER' || principal.clientIds !== null) {
    throw forbidden(`Only an operator's ops user without client limits may ${what}`);
  }
}

/** Client-wide changes (the client's own record, a new site) are not for a caller limited to some sites. */
export function requireClientWide(ctx: RequestContext, what: string): void {
  if (ctx.tenant.siteIds !== null) throw forbidden(`A caller limited to some sites may not ${what}`);
}

/** The operator's relationship with a client (its status) is changed by ops users, never by the client's own keys. */
export function requireOpsUser(ctx: RequestContext, what: string, argument: string): void {
  if (ctx.caller.principal.kind !== 'OPS_USER') throw forbidden(`Only an ops user may ${what}`, { argument });
}
