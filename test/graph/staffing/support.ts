import { randomUUID } from 'node:crypto';
import { graphql, graphqlOk, type GraphQLResponse } from '@infusion/testkit';
import pg from 'pg';
import { asAdmin, bearer } from '../../support/auth';
import { platform, seededWorld } from '../../support/platform';

/** Staffing e2e helpers: the demo parties, keys with chosen scopes, and short mutation calls. */

export const STAFF_FIELDS = 'id clientId homeSiteId role employment agencyName hourlyCost { amount currency } active';

export const problems = (r: GraphQLResponse) => (r.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.argument]);

/** Lakeshore (two DIRECT-supervision offices in Chicago time, IL) and another client. */
export function parties() {
  const world = seededWorld();
  const lakeshore = world.clients[0]!;
  const [lincolnPark, evanston] = world.sites.filter((s) => s.clientId === lakeshore.id);
  const other = world.clients[1]!;
  const otherSite = world.sites.find((s) => s.clientId === other.id)!;
  const rituximab = world.products.find((p) => p.key === 'rituximab')!;
  return { world, lakeshore, lincolnPark: lincolnPark!, evanston: evanston!, other, otherSite, rituximab };
}

export async function issueKey(clientId: string, scopes: string[], siteIds?: string[]): Promise<Record<string, string>> {
  const { createApiKey } = await graphqlOk<{ createApiKey: { secret: string } }>(
    platform().gatewayUrl,
    'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }',
    { i: { clientId, name: `staffing test ${randomUUID().slice(0, 8)}`, scopes, ...(siteIds ? { siteIds } : {}) } },
    await asAdmin(),
  );
  return bearer(createApiKey.secret);
}

export const call = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => graphql(platform().gatewayUrl, query, variables, headers);
export const callOk = <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) => graphqlOk<T>(platform().gatewayUrl, query, variables, headers);

export async function owner(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: platform().ownerDatabaseUrl });
  await client.connect();
  return client;
}

export const CREATE_STAFF = `mutation($i: NewStaffMemberInput!) { createStaffMember(input: $i) { ${STAFF_FIELDS} } }`;
export const ADD_LICENSE = 'mutation($i: NewLicenseInput!) { addLicense(input: $i) { id state multistate expiresOn } }';
export const ADD_COMPETENCY = 'mutation($i: NewCompetencyInput!) { addCompetency(input: $i) { id kind expiresOn } }';
export const CREATE_SHIFT = 'mutation($i: NewShiftInput!) { createShift(input: $i) { id siteId staffMemberId role startsAt endsAt } }';
export const ADD_COVER = 'mutation($i: NewSupervisionCoverageInput!) { addSupervisionCoverage(input: $i) { id siteId providerId startsAt endsAt } }';
export const ADD_TIME_OFF = 'mutation($i: NewTimeOffInput!) { addTimeOff(input: $i) { id staffMemberId startsAt endsAt } }';

/** A new RN at a site with an IL-or-other licence and the given competencies; returns its id. */
export async function newNurse(
  headers: Record<string, string>,
  site: { id: string; clientId: string },
  options: { licenseState?: string; multistate?: boolean; competencies?: { kind: string; expiresOn: string }[]; role?: string } = {},
): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const { createStaffMember } = await callOk<{ createStaffMember: { id: string } }>(
    CREATE_STAFF,
    { i: { clientId: site.clientId, homeSiteId: site.id, firstName: 'Test', lastName: `Nurse ${tag}`, role: options.role ?? 'RN', email: `nurse.${tag}@example.test`, hourlyCost: '50.00' } },
    headers,
  );
  const id = createStaffMember.id;
  await callOk(ADD_LICENSE, { i: { staffMemberId: id, state: options.licenseState ?? 'IL', number: `RN${tag}`, type: 'REGISTERED_NURSE', multistate: options.multistate ?? false, expiresOn: '2099-12-31' } }, headers);
  for (const c of options.competencies ?? []) await callOk(ADD_COMPETENCY, { i: { staffMemberId: id, ...c } }, headers);
  return id;
}
