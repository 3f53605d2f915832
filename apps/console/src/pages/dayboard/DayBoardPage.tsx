import { Alert, Anchor, Badge, Button, Divider, Group, Modal, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { QueryState } from '../../components/QueryState';
import { useSession } from '../../session/session';
import { AvailabilityPanel } from './Availability';
import { Board, type BoardSlot, type BoardVisit, StatusLegend } from './Board';
import { DayBoardQuery, RescheduleMutation } from './documents';
import { OptimisationPanel } from './Optimisation';
import { type Override, Refusal } from './Refusal';
import { addDays, boardAxis, dayQueryWindow, isIsoDate, localTime, onLocalDate, siteToday } from './time';
import { HOLDS_CHAIR, VisitDetails } from './VisitDetails';

const DRAG_REASON = 'Moved on the day board';

interface MoveAttempt {
  visit: BoardVisit;
  version: number;
  chairId: string;
  startsAt: number;
  reason: string;
  error: CombinedError;
}

/** The day board route's own link, for the site page and the overview. */
export const dayBoardPath = (siteId: string, date?: string) => `/sites/${siteId}/day${date ? `/${date}` : ''}`;

/**
 * A site's day: chairs as rows, the site's opening hours (in its own time zone) as columns, visits
 * as blocks coloured and labelled by status; drag or "Move…" to reschedule, the graph's refusal
 * explained; availability search for an order; the day-optimisation proposal before/after.
 */
export function DayBoardPage() {
  const { siteId = '', date: dateParam } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const canWrite = can('scheduling:write');
  const [zone, setZone] = useState<string | null>(null);
  // Without a date in the address: today at the site (the browser's until the site's zone is known).
  const date = isIsoDate(dateParam) ? dateParam : siteToday(zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const span = useMemo(() => dayQueryWindow(date), [date]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: DayBoardQuery, variables: { siteId, date, ...span } });
  const [moveState, reschedule] = useMutation(RescheduleMutation);
  const [showReleased, setShowReleased] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refused, setRefused] = useState<MoveAttempt | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [slots, setSlots] = useState<BoardSlot[]>([]);
  const onSlots = useCallback((s: BoardSlot[]) => setSlots(s), []);
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  const site = data?.site;
  const timeZone = site?.timeZone ?? 'UTC';
  useEffect(() => {
    if (site) setZone(site.timeZone);
  }, [site]);
  const hours = site?.openingHours[0];
  const appointments = useMemo(() => (site?.appointments ?? []).filter((a) => onLocalDate(Date.parse(a.startsAt), date, timeZone)), [site, date, timeZone]);
  const versions = useMemo(() => new Map(appointments.map((a) => [a.id, a.version])), [appointments]);
  const allVisits: BoardVisit[] = useMemo(
    () =>
      appointments.map((a) => ({
        id: a.id,
        chairId: a.chair.id,
        startsAt: Date.parse(a.startsAt),
        endsAt: Date.parse(a.endsAt),
        status: a.status,
        title: a.patient.fullName,
        movable: HOLDS_CHAIR.has(a.status),
        detail: `${a.order.product.name} (${a.order.regimen})${a.doseNumber ? `, dose ${a.doseNumber}` : ''}; nurse ${a.nurse.fullName}${a.overrides.length ? `; ${a.overrides.length} rule override(s)` : ''}`,
      })),
    [appointments],
  );
  const holding = useMemo(() => allVisits.filter((v) => HOLDS_CHAIR.has(v.status) || v.status === 'COMPLETED'), [allVisits]);
  const shown = showReleased ? allVisits : holding;
  const axis = boardAxis(hours && !hours.closed ? hours : undefined, shown);
  const chairs = site?.chairs ?? [];
  const boardChairs = chairs.filter((c) => c.active || shown.some((v) => v.chairId === c.id));

  const go = (d: string) => navigate(dayBoardPath(siteId, d));
  const move = async (visit: BoardVisit, version: number, chairId: string, startsAt: number, reason: string, overrides?: Override[]) => {
    setNotice(null);
    const result = await reschedule({
      input: { id: visit.id, chairId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + visit.endsAt - visit.startsAt).toISOString(), expectedVersion: version, reason, overrides },
    });
    if (result.error) {
      setRefused({ visit, version, chairId, startsAt, reason, error: result.error });
      return;
    }
    setRefused(null);
    setOpenId(null);
    const chair = chairs.find((c) => c.id === chairId)?.label ?? 'the chair';
    setNotice(`Moved ${visit.title} to ${chair} at ${localTime(startsAt, timeZone)}.`);
    reload();
  };
  const onDrop = canWrite
    ? (visit: BoardVisit, chairId: string, startsAt: number) => {
        void move(visit, versions.get(visit.id) ?? 0, chairId, startsAt, DRAG_REASON);
      }
    : undefined;
  const opened = allVisits.find((v) => v.id === openId);

  return (
    <QueryState fetching={fetching} error={error} empty={!site}>
      {site && (
        <Stack>
          <Group gap="xs">
            <Anchor component={Link} to={`/clients/${site.client.id}`}>{site.client.name}</Anchor>
            <Text c="dimmed">/</Text>
            <Anchor component={Link} to={`/sites/${site.id}`}>{site.name}</Anchor>
          </Group>
          <Title order={2}>Day board: {site.name}</Title>
          <Group justify="space-between" align="end">
            <Group align="end" gap="xs">
              <Button variant="default" onClick={() => go(addDays(date, -1))} aria-label="Previous day">← Previous day</Button>
              <TextInput type="date" label="Date" value={date} onChange={(e) => isIsoDate(e.currentTarget.value) && go(e.currentTarget.value)} w={170} />
              <Button variant="default" onClick={() => go(addDays(date, 1))} aria-label="Next day">Next day →</Button>
              <Button variant="subtle" onClick={() => go(siteToday(timeZone))}>Today</Button>
            </Group>
            <Group gap="xs">
              <Badge variant="outline" size="lg" data-testid="site-time-zone">Site time: {timeZone}</Badge>
              {hours && <Badge variant="light" size="lg">{hours.closed ? `Closed${hours.note ? ` (${hours.note})` : ''}` : `Open ${hours.opensAt}–${hours.closesAt}${hours.note ? ` (${hours.note})` : ''}`}</Badge>}
              <Badge variant="light" size="lg" color="gray">{holding.length} visit{holding.length === 1 ? '' : 's'}</Badge>
            </Group>
          </Group>
          <Group justify="space-between">
            <StatusLegend />
            <Switch label="Show cancelled, rescheduled and missed visits" checked={showReleased} onChange={(e) => setShowReleased(e.currentTarget.checked)} />
          </Group>
          {canWrite && <Text size="xs" c="dimmed">Drag a visit to another chair or time (15-minute steps), or open it and use “Move…”.</Text>}
          {notice && <Alert color="green" role="status" data-testid="move-notice" withCloseButton onClose={() => setNotice(null)}>{notice}</Alert>}
          {moveState.fetching && <Text size="sm" role="status">Moving…</Text>}
          {axis ? (
            <Board label={`Day board of ${site.name}`} chairs={boardChairs} visits={shown} axis={axis} timeZone={timeZone} onOpen={(v) => setOpenId(v.id)} onDrop={onDrop} slots={slots} />
          ) : (
            <Text c="dimmed" p="md">{chairs.length === 0 ? 'The site has no chair yet.' : `The site is closed on ${date} and has no visit that day.`}</Text>
          )}
          {axis && boardChairs.length === 0 && <Text c="dimmed">The site has no chair in service.</Text>}
          <Divider />
          <AvailabilityPanel site={site} date={date} canWrite={canWrite} onSlots={onSlots} onBooked={reload} />
          <Divider />
          <OptimisationPanel site={site} date={date} hours={hours && !hours.closed ? hours : undefined} chairs={boardChairs} visits={holding} canWrite={canWrite} onApplied={reload} />

          <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened !== undefined && refused === null} onClose={() => setOpenId(null)} title={opened ? `Visit: ${opened.title}` : 'Visit'} size="lg">
            {opened && (
              <VisitDetails
                id={opened.id}
                timeZone={timeZone}
                chairs={chairs}
                canWrite={canWrite}
                moving={moveState.fetching}
                onMove={(chairId, startsAt, reason, version) => move(opened, version, chairId, startsAt, reason)}
              />
            )}
          </Modal>
          <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={refused !== null} onClose={() => setRefused(null)} title="Move refused" size="lg">
            {refused && (
              <Stack gap="sm">
                <Text size="sm">
                  {refused.visit.title} to {chairs.find((c) => c.id === refused.chairId)?.label} at {localTime(refused.startsAt, timeZone)} ({timeZone}):
                </Text>
                <Refusal
                  error={refused.error}
                  timeZone={timeZone}
                  canOverride={canWrite}
                  overriding={moveState.fetching}
                  onOverride={(overrides) => move(refused.visit, refused.version, refused.chairId, refused.startsAt, refused.reason, overrides)}
                />
                <Group><Button variant="default" onClick={() => setRefused(null)}>Dismiss</Button></Group>
              </Stack>
            )}
          </Modal>
        </Stack>
      )}
    </QueryState>
  );
}
