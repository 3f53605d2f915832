import { randomUUID } from 'node:crypto';
import { graphql, graphqlOk, sqlRows, type GraphQLResponse } from '@infusion/testkit';
import { asAdmin, bearer } from '../../support/auth';
import { platform } from '../../support/platform';

export const codes = (r: GraphQLResponse<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
export const argumentOf = (r: GraphQLResponse<unknown>) => r.errors?.[0]?.extensions?.argument;

export const gql = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  graphql<T>(platform().gatewayUrl, query, variables, headers);
export const gqlOk = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  graphqlOk<T>(platform().gatewayUrl, query, variables, headers);

/** A client API key issued for the test, e.g. with `facilities:write`. */
export async function issueKey(clientId: string, scopes: string[], siteIds?: string[]): Promise<Record<string, string>> {
  const { createApiKey } = await gqlOk<{ createApiKey: { secret: string } }>(
    'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }',
    { i: { clientId, name: `facilities test ${randomUUID().slice(0, 8)}`, scopes, ...(siteIds ? { siteIds } : {}) } },
    await asAdmin(),
  );
  return bearer(createApiKey.secret);
}

export const ownerQuery = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => sqlRows<T>(platform().ownerDatabaseUrl, text, params);

/** A fingerprint of every facilities table, to prove a refused write changed nothing. */
export async function facilitiesFingerprint(): Promise<string> {
  const tables = ['client', 'site', 'chair', 'equipment', 'equipment_service', 'certification', 'site_weekly_hours', 'site_hours_exception', 'rems_enrolment'];
  const parts = await Promise.all(tables.map(async (t) => (await ownerQuery<{ h: string }>(`select coalesce(md5(string_agg(r::text, '|' order by r::text)), '') as h from facilities.${t} r`))[0]!.h));
  return tables.map((t, i) => `${t}:${parts[i]}`).join(' ');
}

export interface AuditRow { operation: string; entityType: string | null; entityIds: string[]; clientId: string | null; actorName: string | null }

export async function mutationsAuditedSince(since: Date): Promise<AuditRow[]> {
  const data = await gqlOk<{ auditEvents: { edges: { node: AuditRow }[] } }>(
    `query($from: DateTime!) { auditEvents(from: $from, action: "MUTATION", first: 500) { edges { node { operation entityType entityIds clientId actorName } } } }`,
    { from: since },
    await asAdmin(),
  );
  return data.auditEvents.edges.map((e) => e.node);
}

/** A fresh, valid client input (names are unique across the operator). */
export const newClient = (over: Record<string, unknown> = {}) => ({
  name: `Prairie Infusion Partners ${randomUUID().slice(0, 8)}`,
  legalName: 'Prairie Infusion Partners, LLC',
  kind: 'PHYSICIAN_PRACTICE',
  specialty: 'Rheumatology',
  state: 'IL',
  taxId: '36-4123456',
  npi: '1245319599',
  ...over,
});

export const newSite = (clientId: string, over: Record<string, unknown> = {}) => ({
  clientId,
  name: `Naperville infusion suite ${randomUUID().slice(0, 6)}`,
  kind: 'OFFICE',
  timeZone: 'America/Chicago',
  street: '100 Main St',
  city: 'Naperville',
  state: 'IL',
  postalCode: '60540',
  ...over,
});

export const CREATE_CLIENT = 'mutation($i: CreateClientInput!) { createClient(input: $i) { id name legalName status npi taxId version } }';
export const UPDATE_CLIENT = 'mutation($i: UpdateClientInput!) { updateClient(input: $i) { id status name version } }';
export const CREATE_SITE = 'mutation($i: CreateSiteInput!) { createSite(input: $i) { id placeOfService claimForm supervision supervisionOverrideReason timeZone status version } }';
