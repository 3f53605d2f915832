import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/QueryState';
import type { DayBoardSlotsQuery } from '../../gql/graphql';
import type { BoardSlot } from './Board';
import { AvailableSlotsQuery, BookMutation, OrderSearchQuery } from './documents';
import { type Override, Refusal } from './Refusal';
import { addDays, localTime } from './time';

type Slot = DayBoardSlotsQuery['availableSlots'][number];

/** Patients per search: each brings its orders and their visits, and the gateway's cost limit counts them all. */
const ORDER_SEARCH_PAGE = 10;

/** Visits that count against an order's planned doses (given, or still holding a chair). */
const COUNTED = new Set(['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR', 'COMPLETED']);

const REASONS: Record<string, string> = {
  SAME_NURSE: 'same nurse as last visit',
  AT_OPENING: 'at opening',
  AT_CLOSING: 'at closing',
  AFTER_A_VISIT: 'right after a visit',
  BEFORE_A_VISIT: 'right before a visit',
  NO_UNUSABLE_GAP: 'leaves no unusable gap',
};

/**
 * Availability search for an order: orders of the site's client with doses still to book, the graph's
 * ranked free slots (`availableSlots`, with its reasons), plotted on the board for the day shown, and
 * booked from the list (`bookAppointment`).
 */
export function AvailabilityPanel({ site, date, canWrite, onSlots, onBooked }: {
  site: { id: string; clientId: string; timeZone: string };
  date: string;
  canWrite: boolean;
  onSlots: (slots: BoardSlot[]) => void;
  onBooked: () => void;
}) {
  const [search, setSearch] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [orders] = useQuery({ query: OrderSearchQuery, variables: { clientId: site.clientId, search: searched || null, first: ORDER_SEARCH_PAGE } });
  const [orderId, setOrderId] = useState<string | null>(null);
  const [days, setDays] = useState(7);
  const [asked, setAsked] = useState<{ orderId: string; from: string; to: string } | null>(null);
  const [slots] = useQuery({
    query: AvailableSlotsQuery,
    variables: { orderId: asked?.orderId ?? '', siteIds: [site.id], from: asked?.from ?? date, to: asked?.to ?? date, first: 50 },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const [bookState, book] = useMutation(BookMutation);
  const [booking, setBooking] = useState<{ slot: Slot; error: CombinedError } | null>(null);
  const [booked, setBooked] = useState<string | null>(null);

  const options = useMemo(() => {
    const list: { value: string; label: string; patientId: string }[] = [];
    for (const { node: p } of orders.data?.patients.edges ?? []) {
      for (const o of p.orders) {
        const counted = o.appointments.filter((a) => COUNTED.has(a.status)).length;
        if (counted < o.dosesPlanned) list.push({ value: o.id, patientId: p.id, label: `${p.fullName} (MRN ${p.mrn}): ${o.product.name}, ${o.regimen}, ${counted} of ${o.dosesPlanned} doses booked` });
      }
    }
    return list;
  }, [orders.data]);
  const chosen = options.find((o) => o.value === orderId);

  const shown = useMemo(() => slots.data?.availableSlots ?? [], [slots.data]);
  useEffect(() => {
    onSlots(shown.filter((s) => s.date === date).map((s) => ({ key: `${s.rank}`, chairId: s.chair.id, startsAt: Date.parse(s.startsAt), endsAt: Date.parse(s.endsAt) })));
  }, [shown, date, onSlots]);

  const bookSlot = async (slot: Slot, overrides?: Override[]) => {
    if (!chosen) return;
    const result = await book({
      input: {
        clientId: site.clientId, siteId: site.id, chairId: slot.chair.id, nurseId: slot.nurse.id, orderId: chosen.value, patientId: chosen.patientId,
        startsAt: slot.startsAt, endsAt: slot.endsAt, overrides: overrides,
      },
    });
    if (result.error) {
      setBooking({ slot, error: result.error });
      return;
    }
    setBooking(null);
    setBooked(`Booked ${slot.date} ${localTime(Date.parse(slot.startsAt), site.timeZone)} in ${slot.chair.label} with ${slot.nurse.fullName}.`);
    setAsked((a) => (a ? { ...a } : a));
    onBooked();
  };

  const columns: Column<Slot>[] = [
    { key: 'rank', header: 'Rank', value: (s) => s.rank },
    { key: 'date', header: 'Date', value: (s) => s.date },
    { key: 'time', header: `Time (${site.timeZone})`, value: (s) => `${localTime(Date.parse(s.startsAt), site.timeZone)}–${localTime(Date.parse(s.endsAt), site.timeZone)}` },
    { key: 'chair', header: 'Chair', value: (s) => s.chair.label },
    { key: 'nurse', header: 'Nurse', value: (s) => s.nurse.fullName },
    { key: 'reasons', header: 'Why it ranks here', value: (s) => s.reasons.map((r) => REASONS[r] ?? r).join('; '), render: (s) => <Group gap={4}>{s.reasons.map((r) => <Badge key={r} size="xs" variant="light" color="teal">{REASONS[r] ?? r}</Badge>)}</Group> },
    ...(canWrite ? [{ key: 'book', header: 'Book', sortable: false, value: () => '', render: (s: Slot) => <Button size="compact-xs" loading={bookState.fetching} onClick={() => bookSlot(s)} aria-label={`Book ${s.date} ${localTime(Date.parse(s.startsAt), site.timeZone)} in ${s.chair.label}`}>Book</Button> }] : []),
  ];

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearched(search.trim());
  };
  return (
    <Stack gap="sm">
      <Title order={3}>Availability for an order</Title>
      <form onSubmit={submitSearch}>
        <Group align="end">
          <TextInput label="Patient (name or MRN)" description={`The first ${ORDER_SEARCH_PAGE} patients matching`} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <Button type="submit" variant="default">Find orders</Button>
        </Group>
      </form>
      {orders.error && <ProblemAlert error={orders.error} />}
      <Group align="end">
        <Select
          label="Order needing a visit"
          placeholder={orders.fetching ? 'Loading orders…' : options.length ? 'Pick an order' : 'No order needs a visit'}
          data={options}
          value={orderId}
          onChange={setOrderId}
          searchable
          w={520}
          nothingFoundMessage="No such order"
        />
        <NumberInput label="Days to search" min={1} max={31} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : 7)} w={130} />
        <Button disabled={!orderId} onClick={() => orderId && setAsked({ orderId, from: date, to: addDays(date, Math.max(1, Math.min(31, days)) - 1) })}>Find free slots</Button>
      </Group>
      {booked && <Text size="sm" role="status" c="green.9">{booked}</Text>}
      {asked && (
        <>
          <Text size="sm" c="dimmed">Free slots from {asked.from} to {asked.to}; those on {date} are drawn on the board with a dashed outline.</Text>
          <DataTable label="Free slots" columns={columns} rows={shown} rowKey={(s) => `${s.rank}`} fetching={slots.fetching} error={slots.error} emptyText="No free slot passes every booking rule in those days." />
        </>
      )}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={booking !== null} onClose={() => setBooking(null)} title="Booking refused" size="lg">
        {booking && <Refusal error={booking.error} timeZone={site.timeZone} canOverride={canWrite} overriding={bookState.fetching} onOverride={(o) => bookSlot(booking.slot, o)} />}
      </Modal>
    </Stack>
  );
}
