import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { signIn } from '../session/session';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const result = await signIn(email, password);
      if (result.ok) onSignedIn();
      else setProblem(result);
    } catch {
      setProblem({ code: 'NETWORK', message: 'The gateway could not be reached' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <main>
      <Center mih="100vh" bg="gray.0">
        <Paper withBorder shadow="sm" p="xl" w={380}>
          <form onSubmit={submit}>
            <Stack>
              <Title order={1} size="h3">
                Infusion Graph ops
              </Title>
              {problem && (
                <Alert color={problem.code === 'RATE_LIMITED' ? 'yellow' : 'red'} title={problem.code === 'UNAUTHENTICATED' ? 'Sign-in refused' : problem.code} role="alert">
                  {problem.message}
                </Alert>
              )}
              <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </main>
  );
}
