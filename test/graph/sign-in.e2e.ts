import { ANONYMOUS, CONTEXT_HEADER, signCallerContext, signingKey } from '@infusion/subgraph-kit/auth';
import { graphql, graphqlOk, metricBySubgraph, type GraphQLResponse } from '@infusion/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdmin } from '../support/auth';
import { platform } from '../support/platform';

/**
 * Issue 8, finding 9: sign-in reveals nothing about accounts (same answer, same work), throttles
 * by address and account without handing anyone a lockout, and leaves every failure in the
 * audit trail. Attempts from chosen addresses go to the identity subgraph directly, with a
 * context signed as the gateway signs it (the address is part of that signed context).
 */

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
const run = Date.now().toString(36);
const PASSWORD = 'sign-in-test-password-9';
let nextAddress = 1;
/** A fresh address from TEST-NET-3 (RFC 5737) for each scenario, so scenarios do not throttle each other. */
const freshAddress = () => `203.0.113.${nextAddress++}`;

const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

/** A sign-in attempt arriving at identity from `address`, as the gateway forwards it. */
async function signInFrom(address: string, email: string, password: string): Promise<GraphQLResponse<{ signIn: { token: string } }>> {
  const context = await signCallerContext({ principal: ANONYMOUS, requestId: `sign-in-test-${run}`, remoteAddress: address }, signingKey(platform().contextSigningKey));
  return graphql(platform().subgraphUrls.identity!, SIGN_IN, { e: email, p: password }, { [CONTEXT_HEADER]: context });
}

async function createUser(label: string): Promise<{ id: string; email: string }> {
  const email = `${label}-${run}@infusiongraph.test`;
  const { createOpsUser } = await graphqlOk<{ createOpsUser: { id: string } }>(
    platform().gatewayUrl,
    'mutation($i: NewOpsUserInput!) { createOpsUser(input: $i) { id } }',
    { i: { email, displayName: label, role: 'READ_ONLY', password: PASSWORD } },
    await asAdmin(),
  );
  return { id: createOpsUser.id, email };
}

const verifications = async () =>
  (await metricBySubgraph({ subgraphUrls: { identity: platform().subgraphUrls.identity! }, metricsToken: platform().metricsToken }, 'password_verifications_total')).identity!;

let admin: Record<string, string>;
beforeAll(async () => {
  admin = await asAdmin();
});

describe('a failed sign-in', () => {
  it('answers an unknown email, a wrong password and a deactivated account with the same body', async () => {
    const known = await createUser('same-answer');
    const inactive = await createUser('same-answer-inactive');
    await graphqlOk(platform().gatewayUrl, 'mutation($id: ID!) { deactivateOpsUser(id: $id) { id } }', { id: inactive.id }, admin);
    // Through the gateway, as a client sees it.
    const unknown = await graphql(platform().gatewayUrl, SIGN_IN, { e: `nobody-${run}@infusiongraph.test`, p: PASSWORD });
    const wrong = await graphql(platform().gatewayUrl, SIGN_IN, { e: known.email, p: 'not-the-password-1' });
    const deactivated = await graphql(platform().gatewayUrl, SIGN_IN, { e: inactive.email, p: PASSWORD });
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.status).toBe(unknown.status);
    expect(deactivated.status).toBe(unknown.status);
    expect({ data: wrong.data, errors: wrong.errors }).toEqual({ data: unknown.data, errors: unknown.errors });
    expect({ data: deactivated.data, errors: deactivated.errors }).toEqual({ data: unknown.data, errors: unknown.errors });
    expect(JSON.stringify(unknown)).not.toMatch(/lock|exist|unknown/i);
  });

  it('runs exactly one password verification, whether the email belongs to an account or not', async () => {
    const known = await createUser('same-work');
    const address = freshAddress();
    const before = await verifications();
    for (let i = 0; i < 2; i++) expect(codes(await signInFrom(address, `nobody-${i}-${run}@infusiongraph.test`, PASSWORD))).toEqual(['UNAUTHENTICATED']);
    const afterUnknown = await verifications();
    for (let i = 0; i < 2; i++) expect(codes(await signInFrom(address, known.email, `wrong-password-${i}-x`))).toEqual(['UNAUTHENTICATED']);
    const afterKnown = await verifications();
    expect(afterUnknown - before).toBe(2);
    expect(afterKnown - afterUnknown).toBe(2);
  });
});

describe('repeated failed sign-ins', () => {
  it('from one address make that address wait, even with the right password, and give the same answer as any failure', async () => {
    const user = await createUser('one-address');
    const attacker = freshAddress();
    const before = await verifications();
    for (let i = 0; i < 8; i++) await signInFrom(attacker, user.email, `guess-number-${i}`);
    const refused = await signInFrom(attacker, user.email, PASSWORD);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    // Throttled attempts still cost one verification each, so they take as long as any other.
    expect((await verifications()) - before).toBe(9);
    const unknown = await signInFrom(freshAddress(), `nobody-throttled-${run}@infusiongraph.test`, PASSWORD);
    expect(refused.errors).toEqual(unknown.errors);
  });

  it('from one address do not lock the account for a sign-in from another address', async () => {
    const user = await createUser('no-lockout');
    const attacker = freshAddress();
    for (let i = 0; i < 8; i++) expect(codes(await signInFrom(attacker, user.email, `guess-number-${i}`))).toEqual(['UNAUTHENTICATED']);
    const realUser = await signInFrom(freshAddress(), user.email, PASSWORD);
    expect(realUser.errors).toBeUndefined();
    expect(realUser.data?.signIn.token).toMatch(/^igs_/);
  });

  it('spread over many addresses make new addresses wait, never one the user has signed in from before', async () => {
    const user = await createUser('many-addresses');
    const home = freshAddress();
    expect((await signInFrom(home, user.email, PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < 21; i++) expect(codes(await signInFrom(freshAddress(), user.email, `spread-guess-${i}`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signInFrom(freshAddress(), user.email, PASSWORD))).toEqual(['UNAUTHENTICATED']);
    const fromHome = await signInFrom(home, user.email, PASSWORD);
    expect(fromHome.errors).toBeUndefined();
    expect(fromHome.data?.signIn.token).toMatch(/^igs_/);
  });
});

describe('the audit trail', () => {
  it('records every failed sign-in with its address and reason, and never the typed email', async () => {
    const user = await createUser('audited');
    const from = new Date(Date.now() - 1000).toISOString();
    const [wrongAddress, unknownAddress] = [freshAddress(), freshAddress()];
    const unknownEmail = `typed-by-nobody-${run}@infusiongraph.test`;
    await signInFrom(wrongAddress, user.email, 'wrong-password-audit-1');
    await signInFrom(unknownAddress, unknownEmail, PASSWORD);

    type Event = { operation: string; action: string; actorKind: string; entityType: string | null; entityIds: string[]; remoteAddress: string | null; reason: string | null };
    const { auditEvents } = await graphqlOk<{ auditEvents: { edges: { node: Event }[] } }>(
      platform().gatewayUrl,
      'query($from: DateTime!) { auditEvents(from: $from, action: "MUTATION", first: 500) { edges { node { operation action actorKind entityType entityIds remoteAddress reason } } } }',
      { from },
      admin,
    );
    const signIns = auditEvents.edges.map((e) => e.node).filter((e) => e.operation === 'signIn');
    expect(signIns).toEqual(
      expect.arrayContaining([
        { operation: 'signIn', action: 'MUTATION', actorKind: 'ANONYMOUS', entityType: 'OpsUser', entityIds: [user.id], remoteAddress: wrongAddress, reason: 'WRONG_PASSWORD' },
        { operation: 'signIn', action: 'MUTATION', actorKind: 'ANONYMOUS', entityType: 'OpsUser', entityIds: [], remoteAddress: unknownAddress, reason: 'UNKNOWN_ACCOUNT' },
      ]),
    );
    expect(JSON.stringify(auditEvents)).not.toContain(unknownEmail);
  });
});
