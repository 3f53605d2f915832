import { cacheExchange, Client, fetchExchange } from 'urql';

/**
 * The console's only server is the gateway it was served by. The session is an HttpOnly cookie the
 * page cannot read; the gateway accepts it only with this header, which a page of another site
 * cannot add without a CORS preflight the gateway never grants.
 */
export const CONSOLE_HEADERS = { 'X-Infusion-Console': '1' } as const;

/** A fresh client per session, so that nothing one user loaded is shown to the next. */
export function createGraphClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: { credentials: 'same-origin', headers: { ...CONSOLE_HEADERS } },
  });
}
