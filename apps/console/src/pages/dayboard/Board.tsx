import { Badge, Box, Group, Text, Tooltip } from '@mantine/core';
import { type PointerEvent as ReactPointerEvent, useRef, useState } from 'react';
import { type Axis, draggedStart, fraction, hourTicks, localTime } from './time';
import { enumWords } from '../../components/format';

/** A visit as the board draws it (instants in UTC ms). */
export interface BoardVisit {
  id: string;
  chairId: string;
  startsAt: number;
  endsAt: number;
  status: string;
  /** The patient, as the graph allows it to be named. */
  title: string;
  detail: string;
  /** Whether it may still move (it holds its chair and has not ended). */
  movable: boolean;
}

/** A free slot drawn over the board (availability search). */
export interface BoardSlot {
  key: string;
  chairId: string;
  startsAt: number;
  endsAt: number;
}

/** Status colours; every block also says its status in words (colour is never the only cue). */
export const STATUS_COLOURS: Record<string, string> = {
  SCHEDULED: 'blue',
  CONFIRMED: 'indigo',
  CHECKED_IN: 'yellow',
  IN_CHAIR: 'orange',
  COMPLETED: 'green',
  NO_SHOW: 'red',
  CANCELLED: 'gray',
  RESCHEDULED: 'gray',
};

const LABEL_WIDTH = 120;
const ROW_HEIGHT = 58;

interface Drag {
  visit: BoardVisit;
  pointerId: number;
  x: number;
  y: number;
  trackWidth: number;
  moved: boolean;
  chairId: string;
  startsAt: number;
}

interface BoardProps {
  /** Names the board for screen readers (and tests). */
  label: string;
  chairs: { id: string; label: string; active: boolean }[];
  visits: BoardVisit[];
  axis: Axis;
  timeZone: string;
  onOpen?: (visit: BoardVisit) => void;
  /** Present only for users who may reschedule: blocks become draggable. */
  onDrop?: (visit: BoardVisit, chairId: string, startsAt: number) => void;
  slots?: BoardSlot[];
  /** Visits to mark (e.g. the ones an optimisation moves). */
  marked?: ReadonlySet<string>;
}

const chairUnder = (x: number, y: number): string | null => {
  for (const element of document.elementsFromPoint(x, y)) {
    const row = (element as HTMLElement).closest?.('[data-chair-row]');
    if (row) return row.getAttribute('data-chair-row');
  }
  return null;
};

/**
 * Chairs as rows, the site's day as columns, visits as blocks placed by start and end. Dragging
 * uses pointer events (with pointer capture): the block moves by the pointer's travel, snapped to
 * 15 minutes, onto the chair row under the pointer. The keyboard alternative is the "Move…" button
 * in the visit's details.
 */
export function Board({ label, chairs, visits, axis, timeZone, onOpen, onDrop, slots = [], marked }: BoardProps) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const suppressClick = useRef(false);
  const left = (t: number) => `${Math.max(0, fraction(axis, t)) * 100}%`;
  const width = (a: number, b: number) => `${Math.max(0.4, (fraction(axis, Math.min(b, axis.end)) - fraction(axis, Math.max(a, axis.start))) * 100)}%`;
  const ticks = hourTicks(axis, timeZone);

  const onPointerDown = (visit: BoardVisit) => (event: ReactPointerEvent<HTMLElement>) => {
    suppressClick.current = false;
    if (!onDrop || !visit.movable || event.button !== 0) return;
    const track = event.currentTarget.closest('[data-track]') as HTMLElement | null;
    if (!track) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ visit, pointerId: event.pointerId, x: event.clientX, y: event.clientY, trackWidth: track.getBoundingClientRect().width, moved: false, chairId: visit.chairId, startsAt: visit.startsAt });
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    const moved = drag.moved || Math.abs(dx) > 4 || Math.abs(dy) > 4;
    setDrag({ ...drag, moved, chairId: chairUnder(event.clientX, event.clientY) ?? drag.chairId, startsAt: draggedStart(drag.visit.startsAt, dx, drag.trackWidth, axis) });
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (!drag.moved) return;
    suppressClick.current = true;
    const chairId = chairUnder(event.clientX, event.clientY) ?? drag.chairId;
    const startsAt = draggedStart(drag.visit.startsAt, event.clientX - drag.x, drag.trackWidth, axis);
    if (chairId !== drag.visit.chairId || startsAt !== drag.visit.startsAt) onDrop?.(drag.visit, chairId, startsAt);
  };

  return (
    <Box role="region" aria-label={label} data-axis-start={axis.start} data-axis-end={axis.end} style={{ overflowX: 'auto' }}>
      <Box style={{ minWidth: 760 }}>
        <Box style={{ display: 'flex', height: 24 }} aria-hidden="true">
          <Box style={{ width: LABEL_WIDTH, flex: 'none' }} />
          <Box style={{ position: 'relative', flex: 1 }}>
            {/* The last hour's label would hang past the board's edge; its gridline stays. */}
            {ticks.filter((t) => t.at < axis.end).map((t) => (
              <Text key={t.at} size="xs" c="dimmed" style={{ position: 'absolute', left: left(t.at), transform: 'translateX(-50%)' }}>
                {t.label}
              </Text>
            ))}
          </Box>
        </Box>
        {chairs.map((chair) => (
          <Box key={chair.id} data-chair-row={chair.id} data-chair-label={chair.label} style={{ display: 'flex', height: ROW_HEIGHT, borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Group style={{ width: LABEL_WIDTH, flex: 'none' }} gap={4} px={4}>
              <Text size="sm" fw={600}>{chair.label}</Text>
              {!chair.active && <Badge size="xs" color="gray" variant="outline">retired</Badge>}
            </Group>
            <Box data-track style={{ position: 'relative', flex: 1, background: chair.active ? undefined : 'var(--mantine-color-gray-1)' }}>
              {ticks.map((t) => (
                <Box key={t.at} aria-hidden="true" style={{ position: 'absolute', left: left(t.at), top: 0, bottom: 0, borderLeft: '1px dashed var(--mantine-color-gray-3)' }} />
              ))}
              {slots.filter((s) => s.chairId === chair.id).map((s) => (
                <Box key={s.key} data-slot aria-hidden="true" style={{ position: 'absolute', left: left(s.startsAt), width: width(s.startsAt, s.endsAt), top: 4, bottom: 4, border: '2px dashed var(--mantine-color-teal-7)', borderRadius: 4 }} />
              ))}
              {visits.filter((v) => v.chairId === chair.id).map((v) => {
                const colour = STATUS_COLOURS[v.status] ?? 'gray';
                const dragging = drag?.visit.id === v.id && drag.moved;
                const text = `${v.title}, ${localTime(v.startsAt, timeZone)}–${localTime(v.endsAt, timeZone)}, ${enumWords(v.status)}`;
                return (
                  <Tooltip key={v.id} label={`${text}. ${v.detail}`} openDelay={400} disabled={!!drag}>
                    <Box
                      component="button"
                      type="button"
                      aria-label={`${text} (${chair.label})`}
                      data-appointment-id={v.id}
                      data-status={v.status}
                      data-starts-at={v.startsAt}
                      data-draggable={onDrop && v.movable ? 'true' : undefined}
                      data-marked={marked?.has(v.id) ? 'true' : undefined}
                      onClick={() => {
                        if (suppressClick.current) {
                          suppressClick.current = false;
                          return;
                        }
                        onOpen?.(v);
                      }}
                      onPointerDown={onPointerDown(v)}
                      onPointerMove={onPointerMove}
                      onPointerUp={onPointerUp}
                      onPointerCancel={() => setDrag(null)}
                      style={{
                        position: 'absolute',
                        left: left(v.startsAt),
                        width: width(v.startsAt, v.endsAt),
                        top: 4,
                        bottom: 4,
                        overflow: 'hidden',
                        textAlign: 'left',
                        padding: '2px 6px',
                        borderRadius: 4,
                        border: `1px solid var(--mantine-color-${colour}-7)`,
                        borderLeftWidth: 5,
                        borderStyle: ['CANCELLED', 'RESCHEDULED', 'NO_SHOW'].includes(v.status) ? 'dashed' : 'solid',
                        outline: marked?.has(v.id) ? '2px solid var(--mantine-color-grape-7)' : undefined,
                        background: `var(--mantine-color-${colour}-1)`,
                        color: 'var(--mantine-color-black)',
                        cursor: onDrop && v.movable ? 'grab' : 'pointer',
                        touchAction: onDrop && v.movable ? 'none' : undefined,
                        opacity: dragging ? 0.4 : 1,
                        font: 'inherit',
                      }}
                    >
                      <Text size="xs" fw={700} truncate="end" c="black">{v.title}</Text>
                      <Text size="xs" truncate="end" c="black">{localTime(v.startsAt, timeZone)}–{localTime(v.endsAt, timeZone)} · {enumWords(v.status)}</Text>
                    </Box>
                  </Tooltip>
                );
              })}
              {drag?.moved && drag.chairId === chair.id && (
                <Box
                  data-drop-preview
                  aria-hidden="true"
                  style={{ position: 'absolute', left: left(drag.startsAt), width: width(drag.startsAt, drag.startsAt + (drag.visit.endsAt - drag.visit.startsAt)), top: 4, bottom: 4, border: '2px dashed var(--mantine-color-dark-6)', borderRadius: 4, pointerEvents: 'none', background: 'rgba(255,255,255,0.6)' }}
                >
                  <Text size="xs" fw={700} c="black" px={4}>→ {localTime(drag.startsAt, timeZone)}</Text>
                </Box>
              )}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** The colour key, with each status in words. */
export function StatusLegend() {
  return (
    <Group gap="xs" aria-label="Status colours" role="list">
      {Object.entries(STATUS_COLOURS).map(([status, colour]) => (
        <Group key={status} gap={4} role="listitem">
          <Box aria-hidden="true" style={{ width: 14, height: 14, borderRadius: 3, background: `var(--mantine-color-${colour}-1)`, border: `1px solid var(--mantine-color-${colour}-7)`, borderLeftWidth: 4 }} />
          <Text size="xs">{enumWords(status)}</Text>
        </Group>
      ))}
    </Group>
  );
}
