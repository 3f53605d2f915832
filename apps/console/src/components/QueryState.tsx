import { Alert, Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { problemOf } from '../graph/errors';

/** A failed operation shown as the graph explained it: FORBIDDEN and RATE_LIMITED each by name. */
export function ProblemAlert({ error }: { error: CombinedError }) {
  const problem = problemOf(error);
  return (
    <Alert color={problem.code === 'RATE_LIMITED' || problem.code === 'SERVICE_UNAVAILABLE' ? 'yellow' : 'red'} title={problem.title} role="alert" data-code={problem.code}>
      {problem.message}
      {problem.retryAfterSeconds !== undefined && <Text size="sm">Try again in {problem.retryAfterSeconds} s.</Text>}
    </Alert>
  );
}

/** Loading, error and empty states in one place; children render only with data. */
export function QueryState({ fetching, error, empty, emptyText, children }: { fetching: boolean; error?: CombinedError; empty?: boolean; emptyText?: string; children: ReactNode }) {
  if (error) return <ProblemAlert error={error} />;
  if (fetching && empty !== false)
    return (
      <Center p="lg" aria-busy="true">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  if (empty) return <Text c="dimmed" p="md">{emptyText ?? 'Nothing to show.'}</Text>;
  return <>{children}</>;
}
