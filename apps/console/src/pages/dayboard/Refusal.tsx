import { Alert, Badge, Button, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import type { BookingRuleCode } from '../../gql/graphql';
import { ProblemAlert } from '../../components/QueryState';
import { extensionsOf } from '../../graph/errors';
import { localTime } from './time';
import { enumWords } from '../../components/format';

/** A booking rule the graph refused, as scheduling lists it in `extensions.rules`. */
export interface RefusedRule {
  code: BookingRuleCode;
  severity: 'HARD' | 'SOFT';
  why: string;
  detail: string;
}

export interface Override {
  code: BookingRuleCode;
  reason: string;
}

/** What a refused booking or move means, read from the graph's CONFLICT extensions. */
export function refusalOf(error: CombinedError): { kind: 'rules'; rules: RefusedRule[] } | { kind: 'chairTaken'; startsAt?: string; endsAt?: string } | { kind: 'other' } {
  const first = error.graphQLErrors[0];
  if (first?.extensions?.code !== 'CONFLICT') return { kind: 'other' };
  const ext = extensionsOf(error);
  if (ext.reason === 'BOOKING_RULE' && Array.isArray(ext.rules)) return { kind: 'rules', rules: ext.rules as RefusedRule[] };
  // The chair's exclusion constraint: scheduling names the argument at fault and the times asked for.
  if (ext.argument === 'chairId' && typeof ext.startsAt === 'string') return { kind: 'chairTaken', startsAt: ext.startsAt, endsAt: typeof ext.endsAt === 'string' ? ext.endsAt : undefined };
  return { kind: 'other' };
}


/**
 * The graph's refusal in words: each failing booking rule (hard or soft, why, what it found), or
 * "chair taken" with the time. When every failing rule is soft and the user may write, ops may book
 * past them with a reason (`onOverride`); hard rules are never offered.
 */
export function Refusal({ error, timeZone, canOverride, overriding, onOverride }: { error: CombinedError; timeZone: string; canOverride: boolean; overriding?: boolean; onOverride?: (overrides: Override[]) => void }) {
  const refusal = refusalOf(error);
  const [reason, setReason] = useState('');
  if (refusal.kind === 'chairTaken') {
    const at = refusal.startsAt ? `${localTime(Date.parse(refusal.startsAt), timeZone)}${refusal.endsAt ? `–${localTime(Date.parse(refusal.endsAt), timeZone)}` : ''}` : '';
    return (
      <Alert color="red" title="Chair taken" role="alert" data-refusal="chair-taken">
        The chair is already booked {at ? `at ${at} (site time)` : 'at that time'}. Nothing was moved.
      </Alert>
    );
  }
  if (refusal.kind === 'other') return <ProblemAlert error={error} />;
  const allSoft = refusal.rules.every((r) => r.severity === 'SOFT');
  return (
    <Stack gap="xs">
      <Alert color="red" title="Refused by the booking rules" role="alert" data-refusal="booking-rule">
        <Text size="sm">Nothing was changed. The graph refused it for {refusal.rules.length === 1 ? 'this rule' : 'these rules'}:</Text>
        <List size="sm" mt="xs" aria-label="Failing booking rules">
          {refusal.rules.map((r) => (
            <List.Item key={r.code} data-rule={r.code}>
              <Badge size="xs" color={r.severity === 'HARD' ? 'red' : 'yellow'} variant="filled" mr={6}>
                {r.severity === 'HARD' ? 'hard rule' : 'soft rule'}
              </Badge>
              <Text span fw={600} size="sm">{enumWords(r.code)}</Text>: <Text span size="sm">{r.detail}</Text>
              <Text size="xs" c="dimmed">{r.why}</Text>
            </List.Item>
          ))}
        </List>
        {!allSoft && <Text size="sm" mt="xs">A hard rule cannot be overridden.</Text>}
      </Alert>
      {allSoft && canOverride && onOverride && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onOverride(refusal.rules.map((r) => ({ code: r.code, reason })));
          }}
        >
          <Stack gap="xs">
            <Textarea label="Reason for overriding the soft rules (recorded and audited)" required minLength={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
            <Button type="submit" color="orange" loading={overriding} disabled={reason.trim().length < 3}>
              Override and continue
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
