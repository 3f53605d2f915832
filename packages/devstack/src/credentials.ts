import { existsSync, readFileSync } from 'node:fs';

/** `.data/demo-credentials.json` (DESIGN section 7): the demo ops users and API keys, in plain text. */
export interface DemoCredentials {
  gateway: string;
  ops: { email: string; password: string; role: string; clientIds?: string[] }[];
  apiKeys: { clientId: string; clientName: string; name: string; key: string; scopes: string[]; siteIds?: string[] }[];
}

/** The demo credentials file, or undefined when there is none. */
export function readDemoCredentials(path: string): Partial<DemoCredentials> | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoCredentials>) : undefined;
}
