import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { KEEP_ALIVE } from './http';

/** Failures before a complete answer: the connection could not be made, or broke. */
export class SubgraphConnectionError extends Error {
  constructor(
    readonly url: string,
    /** ECONNREFUSED, ECONNRESET, … */
    readonly code: string,
    /** False only when no connection was made, so the server certainly never saw the request. */
    readonly mayHaveArrived: boolean,
  ) {
    super(`${url}: ${code}`);
  }
}

/** The request was cut short by its deadline. */
export class SubgraphDeadlineError extends Error {
  constructor(readonly url: string) {
    super(`${url}: deadline exceeded`);
  }
}

export interface SubgraphReply {
  status: number;
  /** The parsed body when the subgraph answered JSON, else undefined. */
  json: unknown;
}

export interface PostOptions {
  /** Aborts the request (the operation's deadline). */
  signal: AbortSignal;
  /** One more attempt after a connection-level failure: only for requests that are safe to repeat. */
  retry: boolean;
}

/** Errors from `connect()` itself: nothing was sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The HTTP client for calls to subgraphs (the gateway's; a subgraph's calls to another should use
 * it too). Connections are kept alive and reused, most recently used first, and closed by us after
 * KEEP_ALIVE.clientIdleMs idle, well before a subgraph (KEEP_ALIVE.serverIdleMs) would close them
 * under us (see KEEP_ALIVE). A call that is safe to repeat (a query's fetch, `_entities`) is sent
 * once more after a connection-level failure, e.g. a subgraph that restarted.
 */
export class SubgraphClient {
  private readonly agents: Record<'http:' | 'https:', HttpAgent>;

  /** `idleMs`: how long an idle connection is kept (tests shorten it). */
  constructor(idleMs: number = KEEP_ALIVE.clientIdleMs) {
    const options = { keepAlive: true, timeout: idleMs, scheduling: 'lifo' as const };
    this.agents = { 'http:': new HttpAgent(options), 'https:': new HttpsAgent(options) };
  }

  async postJson(url: string, body: unknown, headers: Record<string, string>, options: PostOptions): Promise<SubgraphReply> {
    const payload = JSON.stringify(body);
    try {
      return await this.send(url, payload, headers, options.signal);
    } catch (error) {
      if (!options.retry || !(error instanceof SubgraphConnectionError)) throw error;
      return this.send(url, payload, headers, options.signal);
    }
  }

  /** Closes idle connections (at shutdown). */
  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  private send(url: string, payload: string, headers: Record<string, string>, signal: AbortSignal): Promise<SubgraphReply> {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = this.agents[target.protocol as keyof typeof this.agents] as HttpAgent | undefined;
    if (!agent) return Promise.reject(new Error(`Unsupported subgraph URL ${url}`));
    return new Promise((resolve, reject) => {
      let connected = false;
      const fail = (error: unknown) => {
        if (signal.aborted) return reject(new SubgraphDeadlineError(url));
        const code = String((error as { code?: unknown }).code ?? 'ECONNRESET');
        reject(new SubgraphConnectionError(url, code, connected || !NOT_CONNECTED.has(code)));
      };
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          signal,
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const isJson = /json/i.test(res.headers['content-type'] ?? '');
            let json: unknown;
            try {
              json = isJson ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on('socket', (socket) => {
        // A reused socket is connected already; a new one once it says so.
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.on('error', fail);
      req.end(payload);
    });
  }
}
