import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import { createGraphClient, CONSOLE_HEADERS } from '../graph/client';
import { graphql } from '../gql';
import type { ViewerQuery } from '../gql/graphql';

export const ViewerDocument = graphql(`
  query Viewer {
    viewer { id kind name role scopes clientIds siteIds }
  }
`);

export type Viewer = ViewerQuery['viewer'];

interface Session {
  viewer: Viewer;
  /** Whether the signed-in user's role grants a scope (the graph enforces it; the console only hides what would be refused). */
  can(scope: string): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** POST /console/session: the gateway signs in through the graph and keeps the token in an HttpOnly cookie. */
export async function signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const response = await fetch('/console/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...CONSOLE_HEADERS },
    body: JSON.stringify({ email, password }),
  });
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  return { ok: false, code: error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: error?.message ?? `The gateway answered ${response.status}` };
}

function SignedIn({ viewer, onSignedOut, children }: { viewer: Viewer; onSignedOut: () => void; children: ReactNode }) {
  const signOut = useCallback(async () => {
    await fetch('/console/session', { method: 'DELETE', credentials: 'same-origin', headers: { ...CONSOLE_HEADERS } });
    onSignedOut();
  }, [onSignedOut]);
  const session = useMemo<Session>(() => ({ viewer, can: (scope) => viewer.scopes.includes(scope), signOut }), [viewer, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

function ViewerGate({ signedOut, children, onSignedOut, onSignedIn }: { signedOut: (onSignedIn: () => void) => ReactNode; children: ReactNode; onSignedOut: () => void; onSignedIn: () => void }) {
  const [{ data, fetching, error }] = useQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  if (fetching && !data) return null;
  if (!data || error) return <>{signedOut(onSignedIn)}</>;
  return (
    <SignedIn viewer={data.viewer} onSignedOut={onSignedOut}>
      {children}
    </SignedIn>
  );
}

/**
 * Who is signed in, asked of the graph (`viewer`). Every sign-in or sign-out starts a new graph
 * client, so no answer cached for one user is shown to another.
 */
export function SessionProvider({ signedOut, children }: { signedOut: (onSignedIn: () => void) => ReactNode; children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const client = useMemo(() => {
    void generation;
    return createGraphClient();
  }, [generation]);
  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return (
    <Provider value={client}>
      <ViewerGate key={generation} signedOut={signedOut} onSignedOut={restart} onSignedIn={restart}>
        {children}
      </ViewerGate>
    </Provider>
  );
}
