import { describe, expect, it } from 'vitest';
import { platform } from '../support/platform';

describe('health endpoints', () => {
  it('report alive and ready on the gateway and every subgraph', async () => {
    const { gatewayUrl, subgraphUrls } = platform();
    for (const url of [gatewayUrl, ...Object.values(subgraphUrls)]) {
      const base = url.replace(/\/graphql$/, '');
      const alive = await fetch(`${base}/healthz`);
      const ready = await fetch(`${base}/readyz`);
      expect(alive.status, `${base}/healthz`).toBe(200);
      expect(ready.status, `${base}/readyz`).toBe(200);
    }
  });

  it('the gateway reports each subgraph ready', async () => {
    const body = (await (await fetch(platform().gatewayUrl.replace(/graphql$/, 'readyz'))).json()) as { subgraphs: Record<string, boolean> };
    expect(body.subgraphs).toEqual({ facilities: true, staffing: true, inventory: true, scheduling: true, billing: true, identity: true });
  });
});
