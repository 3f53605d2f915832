import { graphql, graphqlOk } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { bearer, signInAs } from '../../support/auth';
import { platform } from '../../support/platform';

/**
 * The inventory queries the console's pages page through: a lot's ledger on server cursors
 * (`stockMovements`) is the whole ledger (`Lot.movements`) in the same order, and `lots(expiringBy)`
 * keeps exactly the lots expiring on or before the day. Read-only on the demo world.
 */

const ask = async <T>(email: string, query: string, variables: Record<string, unknown> = {}) => graphqlOk<T>(platform().gatewayUrl, query, variables, bearer(await signInAs(email)));

interface Movement {
  id: string;
  kind: string;
  quantity: number;
}

describe('inventory ledger pages', { timeout: 120_000 }, () => {
  it("pages a lot's movements oldest first, as Lot.movements lists them", async () => {
    const data = await ask<{ lots: { edges: { node: { id: string; movements: Movement[] } }[] } }>('ops@infusiongraph.test', '{ lots(first: 200) { edges { node { id movements { id kind quantity } } } } }');
    const lot = data.lots.edges.map((e) => e.node).sort((a, b) => b.movements.length - a.movements.length)[0]!;
    expect(lot.movements.length).toBeGreaterThan(2);
    const paged: Movement[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: { stockMovements: { edges: { node: Movement }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ask(
        'ops@infusiongraph.test',
        'query($lotId: ID!, $after: String) { stockMovements(lotId: $lotId, first: 2, after: $after) { edges { node { id kind quantity } } pageInfo { hasNextPage endCursor } } }',
        { lotId: lot.id, after },
      );
      paged.push(...page.stockMovements.edges.map((e) => e.node));
      if (!page.stockMovements.pageInfo.hasNextPage) break;
      after = page.stockMovements.pageInfo.endCursor;
    }
    expect(paged).toEqual(lot.movements);
  });

  it("answers NOT_FOUND for a lot of another client, not an empty ledger", async () => {
    // A lot of a client the client-limited user does not have.
    const mine = await ask<{ viewer: { clientIds: string[] } }>('redrock.ops@infusiongraph.test', '{ viewer { clientIds } }');
    const data = await ask<{ lots: { edges: { node: { id: string; clientId: string } }[] } }>('ops@infusiongraph.test', '{ lots(first: 200) { edges { node { id clientId } } } }');
    const foreign = data.lots.edges.map((e) => e.node).find((l) => !mine.viewer.clientIds.includes(l.clientId));
    expect(foreign).toBeDefined();
    const answer = await graphql(platform().gatewayUrl, 'query($lotId: ID!) { stockMovements(lotId: $lotId, first: 5) { edges { node { id } } } }', { lotId: foreign!.id }, bearer(await signInAs('redrock.ops@infusiongraph.test')));
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps the lots expiring on or before the day asked, first to expire first', async () => {
    const all = await ask<{ lots: { edges: { node: { id: string; expiresOn: string } }[] } }>('ops@infusiongraph.test', '{ lots(first: 500) { edges { node { id expiresOn } } } }');
    const lots = all.lots.edges.map((e) => e.node);
    // A day in the middle of the expiry dates: some lots on each side of it.
    const by = lots[Math.floor(lots.length / 2)]!.expiresOn;
    const kept = await ask<{ lots: { edges: { node: { id: string; expiresOn: string } }[] } }>('ops@infusiongraph.test', 'query($by: LocalDate!) { lots(first: 500, expiringBy: $by) { edges { node { id expiresOn } } } }', { by });
    const expected = lots.filter((l) => l.expiresOn <= by);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(lots.length);
    expect(kept.lots.edges.map((e) => e.node)).toEqual(expected);
  });
});
