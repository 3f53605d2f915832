import { Alert, Button, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { ProblemAlert, QueryState } from '../../components/QueryState';
import type { DayBoardProposalQuery } from '../../gql/graphql';
import { Board, type BoardVisit } from './Board';
import { ApplyOptimisationMutation, ProposalQuery } from './documents';
import { boardAxis, formatPercent, localTime } from './time';

type Proposal = DayBoardProposalQuery['dayOptimisationProposal'];
type Move = Proposal['moves'][number];

/** The day as the proposal would leave it: each moved visit in its new chair and time. */
export function afterMoves(visits: BoardVisit[], moves: Pick<Move, 'appointment' | 'to'>[]): BoardVisit[] {
  const to = new Map(moves.map((m) => [m.appointment.id, m.to]));
  return visits.map((v) => {
    const place = to.get(v.id);
    return place ? { ...v, chairId: place.chair.id, startsAt: Date.parse(place.startsAt), endsAt: Date.parse(place.endsAt), detail: `${v.detail} (moved by the proposal)` } : v;
  });
}

/**
 * The graph's day-optimisation proposal for the site and date: its numbers before and after, the
 * moves, the day drawn before and after, and applying every move in one click (after a confirm).
 */
export function OptimisationPanel({ site, date, hours, chairs, visits, canWrite, onApplied }: {
  site: { id: string; timeZone: string };
  date: string;
  /** The day's opening hours, so both boards share the main board's axis. */
  hours?: { opensAtUtc?: string | null; closesAtUtc?: string | null };
  chairs: { id: string; label: string; active: boolean }[];
  visits: BoardVisit[];
  canWrite: boolean;
  onApplied: () => void;
}) {
  const [asked, setAsked] = useState(false);
  const [{ data, fetching, error }, propose] = useQuery({ query: ProposalQuery, variables: { siteId: site.id, date }, pause: !asked, requestPolicy: 'network-only' });
  const [applyState, apply] = useMutation(ApplyOptimisationMutation);
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  const proposal = data?.dayOptimisationProposal;
  const moved = useMemo(() => new Set(proposal?.moves.map((m) => m.appointment.id) ?? []), [proposal]);
  const after = useMemo(() => afterMoves(visits, proposal?.moves ?? []), [visits, proposal]);
  const axis = boardAxis(hours, [...visits, ...after]);
  const time = (iso: string) => localTime(Date.parse(iso), site.timeZone);

  const applyAll = async () => {
    if (!proposal) return;
    const result = await apply({
      input: {
        siteId: site.id,
        date,
        moves: proposal.moves.map((m) => ({ appointmentId: m.appointment.id, chairId: m.to.chair.id, nurseId: m.to.nurse.id, startsAt: m.to.startsAt, expectedVersion: m.expectedVersion })),
      },
    });
    if (result.error) return;
    setConfirming(false);
    setApplied(`Applied ${proposal.moves.length} move${proposal.moves.length === 1 ? '' : 's'}.`);
    onApplied();
    propose({ requestPolicy: 'network-only' });
  };

  const moveColumns: Column<Move>[] = [
    { key: 'patient', header: 'Patient', value: (m) => m.appointment.patient.fullName },
    { key: 'from', header: 'From', value: (m) => `${m.from.chair.label} ${time(m.from.startsAt)}–${time(m.from.endsAt)}` },
    { key: 'to', header: 'To', value: (m) => `${m.to.chair.label} ${time(m.to.startsAt)}–${time(m.to.endsAt)}` },
    { key: 'nurse', header: 'Nurse', value: (m) => (m.nurseChanged ? `${m.from.nurse.fullName} → ${m.to.nurse.fullName}` : m.to.nurse.fullName) },
  ];
  const numbers: [string, (p: Proposal['before']) => string][] = [
    ['Peak chairs in use', (l) => String(l.peakChairsInUse)],
    ['Utilisation', (l) => formatPercent(l.utilisation)],
    ['Utilisation with the room filled', (l) => formatPercent(l.utilisationWithRoomFilled)],
    ['Room for further standard visits', (l) => String(l.roomForStandardVisits)],
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Day optimisation</Title>
        <Button variant="default" onClick={() => (asked ? propose({ requestPolicy: 'network-only' }) : setAsked(true))} loading={fetching}>
          {asked ? 'Propose again' : 'Propose an optimisation'}
        </Button>
      </Group>
      {applied && <Text size="sm" role="status" c="green.9">{applied}</Text>}
      {asked && (
        <QueryState fetching={fetching} error={error} empty={!proposal}>
          {proposal && (proposal.closed ? <Text c="dimmed">The site is closed on {date}: nothing to propose.</Text> : (
            <Stack gap="sm">
              <Table withTableBorder aria-label="Optimisation numbers" w="auto">
                <Table.Thead>
                  <Table.Tr><Table.Th>Measure</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {numbers.map(([name, value]) => (
                    <Table.Tr key={name}><Table.Td>{name}</Table.Td><Table.Td>{value(proposal.before)}</Table.Td><Table.Td>{value(proposal.after)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" data-testid="proposal-summary">
                {proposal.visits} visits · {proposal.moves.length} move{proposal.moves.length === 1 ? '' : 's'} · room for {formatPercent(proposal.volumeGain)} more daily volume (standard visit {proposal.standardVisitMinutes} min)
              </Text>
              {proposal.moves.length === 0 ? <Text c="dimmed">No re-packing does better than the day as booked.</Text> : (
                <>
                  <DataTable label="Proposed moves" columns={moveColumns} rows={proposal.moves} rowKey={(m) => m.appointment.id} />
                  {axis && (
                    <SimpleGrid cols={{ base: 1, xl: 2 }}>
                      <Stack gap={4}>
                        <Title order={4}>Before</Title>
                        <Board label="Day before optimisation" chairs={chairs} visits={visits} axis={axis} timeZone={site.timeZone} marked={moved} />
                      </Stack>
                      <Stack gap={4}>
                        <Title order={4}>After</Title>
                        <Board label="Day after optimisation" chairs={chairs} visits={after} axis={axis} timeZone={site.timeZone} marked={moved} />
                      </Stack>
                    </SimpleGrid>
                  )}
                  <Text size="xs" c="dimmed">Visits that move are outlined in purple.</Text>
                  {canWrite && <Group><Button color="grape" onClick={() => setConfirming(true)}>Apply optimisation</Button></Group>}
                </>
              )}
            </Stack>
          ))}
        </QueryState>
      )}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={confirming} onClose={() => setConfirming(false)} title="Apply the optimisation?">
        <Stack>
          <Alert color="yellow">
            {proposal?.moves.length ?? 0} visit(s) move, all or none. The graph refuses if any of them changed since the proposal.
          </Alert>
          {applyState.error && <ProblemAlert error={applyState.error} />}
          <Group>
            <Button color="grape" loading={applyState.fetching} onClick={applyAll}>Apply {proposal?.moves.length ?? 0} moves</Button>
            <Button variant="default" onClick={() => setConfirming(false)}>Cancel</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
