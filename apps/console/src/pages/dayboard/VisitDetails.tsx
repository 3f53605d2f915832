import { Badge, Button, Group, List, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '../../components/QueryState';
import { AppointmentDetailQuery } from './documents';
import { STATUS_COLOURS } from './Board';
import { localParts, localTime, parseTime, zonedInstant } from './time';
import { enumWords } from '../../components/format';

/** Statuses that still hold the chair: only those can move. */
export const HOLDS_CHAIR = new Set(['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR']);

/** The keyboard alternative to dragging: chair and site-local start time, the same reschedule. */
function MoveForm({ chairs, chairId, startsAt, timeZone, moving, onMove, onCancel }: {
  chairs: { id: string; label: string; active: boolean }[];
  chairId: string;
  startsAt: number;
  timeZone: string;
  moving: boolean;
  onMove: (chairId: string, startsAt: number, reason: string) => void;
  onCancel: () => void;
}) {
  const { date } = localParts(startsAt, timeZone);
  const [form, setForm] = useState({ chairId, date, time: localTime(startsAt, timeZone), reason: 'Moved on the day board' });
  const minutes = parseTime(form.time);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minutes === null) return;
    onMove(form.chairId, zonedInstant(form.date, minutes, timeZone), form.reason);
  };
  return (
    <form onSubmit={submit} aria-label="Move the visit">
      <Stack gap="xs">
        <Select label="Chair" data={chairs.filter((c) => c.active).map((c) => ({ value: c.id, label: c.label }))} value={form.chairId} onChange={(v) => v && setForm((f) => ({ ...f, chairId: v }))} allowDeselect={false} />
        <Group grow>
          <TextInput label="Date" type="date" required value={form.date} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, date: v })); }} />
          <TextInput label={`Start (HH:MM, ${timeZone})`} required value={form.time} error={minutes === null ? 'Write the time as HH:MM' : undefined} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, time: v })); }} />
        </Group>
        <TextInput label="Reason" required value={form.reason} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, reason: v })); }} />
        <Group>
          <Button type="submit" loading={moving} disabled={minutes === null}>Move visit</Button>
          <Button variant="default" onClick={onCancel}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A visit's details as the graph gives them: patient, order, nurse, status, booking-rule overrides. */
export function VisitDetails({ id, timeZone, chairs, canWrite, moving, onMove }: {
  id: string;
  timeZone: string;
  chairs: { id: string; label: string; active: boolean }[];
  canWrite: boolean;
  moving: boolean;
  onMove: (chairId: string, startsAt: number, reason: string, version: number) => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: AppointmentDetailQuery, variables: { id }, requestPolicy: 'network-only' });
  const [movingOpen, setMovingOpen] = useState(false);
  const a = data?.appointment;
  const time = (iso: string) => localTime(Date.parse(iso), timeZone);
  return (
    <QueryState fetching={fetching} error={error} empty={!a}>
      {a && (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={STATUS_COLOURS[a.status] ?? 'gray'} variant="light">{enumWords(a.status)}</Badge>
            <Text size="sm">{localParts(Date.parse(a.startsAt), timeZone).date} {time(a.startsAt)}–{time(a.endsAt)} ({timeZone}) · {a.chair.label}</Text>
          </Group>
          <Table variant="vertical" withTableBorder aria-label="Visit details">
            <Table.Tbody>
              <Table.Tr><Table.Th w={160}>Patient</Table.Th><Table.Td>{a.patient.fullName} · MRN {a.patient.mrn} · born {a.patient.dateOfBirth}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Order</Table.Th><Table.Td>{a.order.product.name}, {a.order.regimen} ({a.order.indication}); {a.order.doseAmount} {a.order.doseUnit.toLowerCase()}{a.doseNumber ? `, dose ${a.doseNumber} of ${a.order.dosesPlanned}` : ''}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Nurse</Table.Th><Table.Td>{a.nurse.fullName}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Chair time</Table.Th><Table.Td>{a.durationMinutes} min</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Patient accepts</Table.Th><Table.Td>starts {time(a.acceptedFrom)}–{time(a.acceptedUntil)}</Table.Td></Table.Tr>
              {a.rescheduleReason && <Table.Tr><Table.Th>Moved because</Table.Th><Table.Td>{a.rescheduleReason}</Table.Td></Table.Tr>}
              {a.cancelReason && <Table.Tr><Table.Th>Cancelled because</Table.Th><Table.Td>{a.cancelReason}</Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>Booking-rule overrides</Text>
          {a.overrides.length === 0 ? <Text size="sm" c="dimmed">None: every booking rule passed.</Text> : (
            <List size="sm" aria-label="Booking-rule overrides">
              {a.overrides.map((o) => (
                <List.Item key={o.id}>{enumWords(o.ruleCode)}: {o.detail}. Overridden by {o.overriddenBy}: “{o.reason}”</List.Item>
              ))}
            </List>
          )}
          {canWrite && HOLDS_CHAIR.has(a.status) && !movingOpen && <Button variant="default" onClick={() => setMovingOpen(true)}>Move…</Button>}
          {canWrite && movingOpen && (
            <MoveForm chairs={chairs} chairId={a.chair.id} startsAt={Date.parse(a.startsAt)} timeZone={timeZone} moving={moving} onCancel={() => setMovingOpen(false)} onMove={(chairId, startsAt, reason) => onMove(chairId, startsAt, reason, a.version)} />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
