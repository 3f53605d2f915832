import { ROLE_SCOPES, type Principal } from '@infusion/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { grantExcess, grantOfApiKey, grantOfOpsUser, limitList, requireGrantable, withinGrant } from './grant.rules';

const CLIENT_A = '00000000-0000-4000-8000-00000000000a';
const CLIENT_B = '00000000-0000-4000-8000-00000000000b';
const SITE_A1 = '00000000-0000-4000-8000-0000000000a1';
const SITE_A2 = '00000000-0000-4000-8000-0000000000a2';

const opsUser = (role: Principal['role'], clientIds: string[] | null): Principal => ({
  kind: 'OPS_USER',
  id: 'actor',
  credentialId: 'session',
  name: 'actor@infusiongraph.test',
  role,
  clientIds,
  siteIds: null,
  scopes: ROLE_SCOPES[role!],
});

const unrestrictedAdmin = opsUser('ADMIN', null);
const adminOfA = opsUser('ADMIN', [CLIENT_A]);

const codeOf = (fn: () => void): unknown => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('granting ops users', () => {
  it('lets an unrestricted admin create any user', () => {
    expect(codeOf(() => requireGrantable(unrestrictedAdmin, grantOfOpsUser({ role: 'ADMIN', clientIds: null })))).toBeUndefined();
    expect(codeOf(() => requireGrantable(unrestrictedAdmin, grantOfOpsUser({ role: 'READ_ONLY', clientIds: [CLIENT_B] })))).toBeUndefined();
  });

  it('lets a client-limited admin create users limited to its own clients, in any role its scopes cover', () => {
    expect(codeOf(() => requireGrantable(adminOfA, grantOfOpsUser({ role: 'ADMIN', clientIds: [CLIENT_A] })))).toBeUndefined();
    expect(codeOf(() => requireGrantable(adminOfA, grantOfOpsUser({ role: 'FINANCE', clientIds: [CLIENT_A] })))).toBeUndefined();
  });

  it('refuses a client-limited admin an unrestricted user, whatever the role', () => {
    for (const role of ['ADMIN', 'READ_ONLY'] as const) {
      expect(codeOf(() => requireGrantable(adminOfA, grantOfOpsUser({ role, clientIds: null })))).toBe('FORBIDDEN');
    }
    expect(grantExcess(adminOfA, grantOfOpsUser({ role: 'ADMIN', clientIds: null })).clientIds).toBe('ALL');
  });

  it('refuses a client-limited admin a user of another client, or of its own and another', () => {
    expect(codeOf(() => requireGrantable(adminOfA, grantOfOpsUser({ role: 'READ_ONLY', clientIds: [CLIENT_B] })))).toBe('FORBIDDEN');
    expect(grantExcess(adminOfA, grantOfOpsUser({ role: 'READ_ONLY', clientIds: [CLIENT_A, CLIENT_B] })).clientIds).toEqual([CLIENT_B]);
  });

  it('refuses a role whose scopes the actor lacks and names them', () => {
    const operations = opsUser('OPERATIONS', null);
    expect(grantExcess(operations, grantOfOpsUser({ role: 'FINANCE', clientIds: null })).scopes).toEqual(['fees:read', 'billing:write']);
    expect(() => requireGrantable(operations, grantOfOpsUser({ role: 'ADMIN', clientIds: null }))).toThrow(/identity:admin/);
  });

  it('gives ops users every site of their clients, so a site-limited actor cannot create one', () => {
    const siteLimited = { ...adminOfA, siteIds: [SITE_A1] };
    expect(grantExcess(siteLimited, grantOfOpsUser({ role: 'READ_ONLY', clientIds: [CLIENT_A] })).siteIds).toBe('ALL');
  });
});

describe('granting API keys', () => {
  const key = (scopes: string[], clientId: string, siteIds: string[] | null) => grantOfApiKey({ scopes, clientId, siteIds });

  it('lets a client-limited admin issue keys for its own clients only', () => {
    expect(withinGrant(adminOfA, key(['scheduling:read'], CLIENT_A, null))).toBe(true);
    expect(withinGrant(adminOfA, key(['scheduling:read'], CLIENT_B, null))).toBe(false);
  });

  it('refuses scopes the actor does not hold', () => {
    const reader = { ...opsUser('READ_ONLY', null) };
    expect(grantExcess(reader, key(['scheduling:read', 'scheduling:write'], CLIENT_A, null)).scopes).toEqual(['scheduling:write']);
  });

  it('keeps a site-limited actor to its own sites', () => {
    const siteLimited: Principal = { ...adminOfA, siteIds: [SITE_A1] };
    expect(withinGrant(siteLimited, key(['scheduling:read'], CLIENT_A, [SITE_A1]))).toBe(true);
    expect(grantExcess(siteLimited, key(['scheduling:read'], CLIENT_A, [SITE_A1, SITE_A2])).siteIds).toEqual([SITE_A2]);
    expect(grantExcess(siteLimited, key(['scheduling:read'], CLIENT_A, null)).siteIds).toBe('ALL');
  });

  it('gives an anonymous caller nothing to grant', () => {
    const anonymous: Principal = { kind: 'ANONYMOUS', id: 'anonymous', credentialId: null, name: 'anonymous', role: null, clientIds: [], siteIds: null, scopes: [] };
    expect(codeOf(() => requireGrantable(anonymous, key(['scheduling:read'], CLIENT_A, null)))).toBe('FORBIDDEN');
  });
});

describe('limits given as lists', () => {
  it('mean no limit when absent, drop duplicates, and refuse an empty list', () => {
    expect(limitList(undefined, 'clientIds')).toBeNull();
    expect(limitList(null, 'clientIds')).toBeNull();
    expect(limitList([CLIENT_A, CLIENT_A], 'clientIds')).toEqual([CLIENT_A]);
    expect(codeOf(() => limitList([], 'clientIds'))).toBe('BAD_USER_INPUT');
  });
});
