import http from 'node:http';

/**
 * The hostile suite's HTTP client: raw requests (the answer may be HTML, or nothing), a timeout
 * on every call, waiting out rate limits like a polite client, and a bounded worker pool.
 */

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface Answer {
  /** HTTP status; 0 when no answer came (timeout or connection error). */
  status: number;
  text: string;
  body?: { data?: Record<string, unknown> | null; errors?: GraphQLError[]; extensions?: Record<string, unknown> };
  /** Why no (JSON) answer came. */
  failure?: string;
}

export interface Request {
  query: string;
  variables?: Record<string, unknown>;
}

export const codesOf = (answer: Answer): string[] => (answer.body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests answered RATE_LIMITED and sent again, for the run's summary. */
export const rateLimitWaits = { count: 0 };
/** Requests sent again because the connection closed under them. */
export const connectionRetries = { count: 0 };

/** No answer at all within the timeout: the platform hangs. */
export const isHang = (answer: Answer): boolean => answer.status === 0 && !!answer.failure?.startsWith('no answer');

/**
 * Sends one operation. RATE_LIMITED is waited out (`retryAfterSeconds`, at most three times):
 * the suite's volume is not what it tests. With `retryUnavailable`, SERVICE_UNAVAILABLE (a
 * retryable overload answer) is retried the same way, as a client under load would.
 */
export async function send(
  url: string,
  request: Request,
  headers: Record<string, string>,
  options: { timeoutMs: number; retryUnavailable?: boolean },
): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    let answer = await sendOnce(url, request, headers, options.timeoutMs);
    if (answer.failure?.startsWith('connection failed')) {
      // A kept-alive connection the server closed as we reused it: the request never reached it
      // (browsers send again too). A server that is down fails the second time as well.
      connectionRetries.count++;
      answer = await sendOnce(url, request, headers, options.timeoutMs);
    }
    const codes = codesOf(answer);
    const retryable = codes.includes('RATE_LIMITED') || (options.retryUnavailable && codes.includes('SERVICE_UNAVAILABLE'));
    if (!retryable || attempt >= 3) return answer;
    if (codes.includes('RATE_LIMITED')) rateLimitWaits.count++;
    const hint = Number(answer.body?.errors?.find((e) => e.extensions?.retryAfterSeconds)?.extensions?.retryAfterSeconds ?? 1);
    await sleep(Math.min(Math.max(hint, 0.2), 20) * 1000);
  }
}

/**
 * The suite sends from its own loopback address, so the platform's per-address defences (the
 * sign-in throttle, the anonymous rate limit) count its thousands of hostile requests apart from
 * the other test files' requests from 127.0.0.1. Where that address cannot be bound (loopback is
 * only 127.0.0.1 on some systems), requests go from the default address.
 */
const SUITE_ADDRESS = '127.0.0.66';
let agent = new http.Agent({ keepAlive: true, localAddress: SUITE_ADDRESS, family: 4 });

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; text: string; contentType?: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      { hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: response.headers['content-type'] });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}

async function sendOnce(url: string, request: Request, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const body = JSON.stringify({ query: request.query, variables: request.variables ?? {} });
  const allHeaders = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers };
  let response: { status: number; text: string; contentType?: string };
  try {
    response = await post(url, body, allHeaders, timeoutMs);
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string };
    if (code === 'EADDRNOTAVAIL') {
      agent = new http.Agent({ keepAlive: true });
      return sendOnce(url, request, headers, timeoutMs);
    }
    return { status: 0, text: '', failure: name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `connection failed (${code ?? message})` };
  }
  try {
    return { status: response.status, text: response.text, body: JSON.parse(response.text) as Answer['body'] };
  } catch {
    return { status: response.status, text: response.text, failure: `not JSON (${response.contentType ?? 'no content type'})` };
  }
}

/** Traces of the server's internals that must never reach a client. */
const INTERNALS = [
  /\n\s+at [\w.<>]+ \(/, // a stack frame
  /(?:\/[\w.-]+)+\.(?:ts|js|mjs|cjs)(?::\d+)?/, // an absolute source path
  /node_modules/,
  /\b(?:select|update|delete from|insert into)\b[^"]{0,300}\b(?:from|set|values|where)\s+"?\w+"?\."?\w+/i, // SQL naming a schema-qualified table
];

/**
 * What is wrong with an answer whatever was asked: no answer, a server error status, a non-JSON
 * body, INTERNAL_SERVER_ERROR, or internals in the text. Empty when the answer is acceptable.
 */
export function serverFaults(answer: Answer): string[] {
  const faults: string[] = [];
  if (answer.status === 0) return [answer.failure ?? 'no answer'];
  if (answer.status >= 500) faults.push(`HTTP ${answer.status}`);
  if (answer.failure) faults.push(answer.failure);
  const internal = (answer.body?.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  if (internal.length) faults.push(`INTERNAL_SERVER_ERROR: ${internal[0]!.message.slice(0, 120)}`);
  const trace = INTERNALS.find((pattern) => pattern.test(answer.text));
  if (trace) faults.push(`internals in the response: ${answer.text.match(trace)![0].slice(0, 80)}`);
  return faults;
}

/**
 * Runs `tasks` with at most `concurrency` in flight. Once `stopWhen()` says so (the platform has
 * stopped answering and the stage's time is up), the tasks not yet started are handed to
 * `skipped` instead, so a hung platform cannot make the run unbounded.
 */
export async function pool<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
  options: { stopWhen?: () => boolean; skipped?: (item: T) => void } = {},
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      if (options.stopWhen?.()) options.skipped?.(item);
      else await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
