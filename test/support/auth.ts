import { graphqlOk, readDemoCredentials, type DemoCredentials } from '@infusion/testkit';
import { platform } from './platform';

/** `.data/demo-credentials.json` of the test platform (DESIGN section 7). */
export function demoCredentials(): DemoCredentials {
  return readDemoCredentials(platform().credentialsPath) as DemoCredentials;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

const sessions = new Map<string, Promise<string>>();

/** A session token for a demo ops user, signed in once per test file. */
export function signInAs(email: string): Promise<string> {
  let token = sessions.get(email);
  if (!token) {
    const user = demoCredentials().ops.find((u) => u.email === email);
    if (!user) throw new Error(`no demo user ${email}`);
    token = graphqlOk<{ signIn: { token: string } }>(
      platform().gatewayUrl,
      'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
      { email: user.email, password: user.password },
    ).then((d) => d.signIn.token);
    sessions.set(email, token);
  }
  return token;
}

/** Headers of the unrestricted demo admin. */
export async function asAdmin(): Promise<Record<string, string>> {
  return bearer(await signInAs('admin@infusiongraph.test'));
}

/** A demo API key by name. */
export function apiKey(name: string): DemoCredentials['apiKeys'][number] {
  const key = demoCredentials().apiKeys.find((k) => k.name === name);
  if (!key) throw new Error(`no demo key named ${name}`);
  return key;
}

/** The all-read demo key of a client. */
export function readKeyOf(clientId: string): DemoCredentials['apiKeys'][number] {
  const key = demoCredentials().apiKeys.find((k) => k.clientId === clientId && k.name.endsWith('read-only integration'));
  if (!key) throw new Error(`no read key for client ${clientId}`);
  return key;
}
