import { createServer } from 'node:net';

/** Ports this process has handed out: a port is free again once closed, so never give one twice. */
const handedOut = new Set<number>();

function portFromOs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port nothing listens on right now (the OS picks it), so parallel runs never collide. The
 * probe closes before the caller binds, so the OS may offer the same port to a second call made
 * before the first is bound (a platform asks for eight at once): each port is given out once.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await portFromOs();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
