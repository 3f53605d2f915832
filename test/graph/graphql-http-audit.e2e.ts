import { auditServer } from 'graphql-http';
import { describe, expect, it, vi } from 'vitest';
import { readKeyOf } from '../support/auth';
import { platform, seededWorld } from '../support/platform';

// The audit sends its requests one after another: generous on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

describe('GraphQL over HTTP', () => {
  it('passes every check of the graphql-http server audit through the gateway', async () => {
    // The audit asks `__type` questions, which anonymous callers may not (introspection): it
    // calls as a client practice's API key would.
    const authorization = `Bearer ${readKeyOf(seededWorld().clients[0]!.id).key}`;
    const results = await auditServer({
      url: platform().gatewayUrl,
      fetchFn: (input: string | URL | Request, init: RequestInit = {}) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization } }),
    });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    console.log(`graphql-http audit: ${results.length - failed.length}/${results.length} passed`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(61);
  });
});
