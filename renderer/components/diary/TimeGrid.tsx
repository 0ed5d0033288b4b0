/**
 * The diary grid: a time ruler and one column per practitioner, room or day,
 * in 15-minute slots. Click an empty slot to book; click an appointment to
 * open it; drag an appointment onto a slot to move it (HTML5 drag and drop).
 */
import { useState } from 'react';
import { Badge, Text, Tooltip } from '@mantine/core';
import type { AppointmentView } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { APPOINTMENT_COLOURS, apptStatusLabel, hhmmOf, SLOT_MINUTES } from '../../reception';
import { placeAppointments, type DiaryColumn, type Placed } from './layout';
import './TimeGrid.css';

const ROW = 22;
const DRAG_TYPE = 'application/x-practice-desk-appointment';

interface Props {
  columns: DiaryColumn[];
  range: [number, number];
  timeZone: string;
  /** Minutes after midnight now, and which day is today (for the "now" line). */
  now: { day: string; minutes: number };
  canWrite: boolean;
  onSlot: (column: DiaryColumn, time: string) => void;
  onOpen: (appointment: AppointmentView) => void;
  onMove: (appointment: AppointmentView, column: DiaryColumn, time: string) => void;
}

function movable(a: AppointmentView): boolean {
  return a.status === 'CONFIRMED';
}

function Block({ placed, top, canDrag, onOpen, onDragStart, onDragEnd }: {
  placed: Placed;
  top: number;
  canDrag: boolean;
  onOpen: () => void;
  onDragStart: (e: React.DragEvent) => void;
  onDragEnd: () => void;
}) {
  const a = placed.appointment;
  const height = Math.max(ROW - 2, ((placed.end - placed.start) / SLOT_MINUTES) * ROW - 2);
  const width = 100 / placed.lanes;
  const warn = placed.overlaps || a.overrideReason !== null;
  return (
    <div
      className="pd-appt"
      role="button"
      tabIndex={0}
      draggable={canDrag}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
      style={{
        top,
        height,
        left: `calc(${placed.lane * width}% + 2px)`,
        width: `calc(${width}% - 4px)`,
        borderLeftColor: a.colour,
        background: `${a.colour}26`,
      }}
      data-testid="diary-appointment"
      data-appointment-id={a.id}
      data-status={a.status}
      data-overlap={warn ? 'true' : undefined}
      data-cancelled={a.status === 'CANCELLED' || a.status === 'NO_SHOW' ? 'true' : undefined}
      aria-label={`${hhmmOf(placed.start)} ${a.patientName}, ${a.serviceName}, ${apptStatusLabel(a.status)}`}
    >
      <div className="pd-appt-line">
        {warn ? (
          <Tooltip label={a.overrideReason ? t('diary.overridden', { reason: a.overrideReason }) : t('diary.overlap')} withinPortal>
            <span className="pd-appt-warn" data-testid="diary-overlap-warning" aria-label={t('diary.overlap')}>
              ⚠
            </span>
          </Tooltip>
        ) : null}
        <Text span size="xs" fw={700}>
          {hhmmOf(placed.start)}
        </Text>{' '}
        <Text span size="xs" fw={600}>
          {a.patientName}
        </Text>
      </div>
      {height > ROW * 1.5 ? (
        <div className="pd-appt-line">
          <Text span size="xs" c="dimmed">
            {a.serviceName}
          </Text>{' '}
          <Badge size="xs" variant="light" color={APPOINTMENT_COLOURS[a.status] ?? 'gray'}>
            {apptStatusLabel(a.status)}
          </Badge>
        </div>
      ) : null}
    </div>
  );
}

export function TimeGrid({ columns, range, timeZone, now, canWrite, onSlot, onOpen, onMove }: Props) {
  const [dragging, setDragging] = useState<AppointmentView | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [first, last] = range;
  const times: number[] = [];
  for (let m = first; m < last; m += SLOT_MINUTES) times.push(m);
  const height = times.length * ROW;

  const drop = (e: React.DragEvent, column: DiaryColumn, time: string) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
    const appointment = dragging?.id === id ? dragging : columns.flatMap((c) => c.appointments).find((a) => a.id === id);
    setDragging(null);
    if (appointment) onMove(appointment, column, time);
  };

  return (
    <div className={dragging ? 'pd-diary pd-diary-dragging' : 'pd-diary'} style={{ gridTemplateColumns: `56px repeat(${columns.length}, minmax(150px, 1fr))` }}>
      <div className="pd-diary-corner" />
      {columns.map((c) => (
        <div key={c.key} className="pd-diary-head" data-testid="diary-column-head" data-column={c.key}>
          <Text size="sm" fw={600} truncate>
            {c.label}
          </Text>
          {c.sublabel ? (
            <Text size="xs" c="dimmed" truncate>
              {c.sublabel}
            </Text>
          ) : null}
        </div>
      ))}
      <div className="pd-diary-ruler" style={{ height }}>
        {times.map((m) => (
          <div key={m} className="pd-diary-time" style={{ height: ROW }}>
            {m % 60 === 0 ? hhmmOf(m) : ''}
          </div>
        ))}
      </div>
      {columns.map((c) => {
        const placed = placeAppointments(c.appointments, c.day, timeZone);
        return (
          <div key={c.key} className="pd-diary-col" style={{ height }}>
            {times.map((m) => {
              const time = hhmmOf(m);
              const slotKey = `${c.key}@${time}`;
              const off = !c.working.some(([s, e]) => m >= s && m < e);
              const classes = ['pd-slot', m % 60 === 0 ? 'pd-slot-hour' : '', off ? 'pd-slot-off' : '', over === slotKey ? 'pd-slot-over' : ''];
              return (
                <div
                  key={m}
                  className={classes.join(' ')}
                  style={{ height: ROW }}
                  onClick={() => (canWrite ? onSlot(c, time) : undefined)}
                  onDragOver={(e) => {
                    if (!dragging) return;
                    e.preventDefault();
                    e.dataTransfer.dropEffect = 'move';
                    if (over !== slotKey) setOver(slotKey);
                  }}
                  onDragLeave={() => (over === slotKey ? setOver(null) : undefined)}
                  onDrop={(e) => drop(e, c, time)}
                  title={canWrite ? t('diary.bookAt', { time }) : undefined}
                  data-testid="diary-slot"
                  data-time={time}
                  data-column={c.key}
                  data-day={c.day}
                />
              );
            })}
            {now.day === c.day && now.minutes >= first && now.minutes < last ? (
              <div className="pd-diary-now" style={{ top: ((now.minutes - first) / SLOT_MINUTES) * ROW }} aria-hidden />
            ) : null}
            {placed.map((p) => (
              <Block
                key={p.appointment.id}
                placed={p}
                top={((p.start - first) / SLOT_MINUTES) * ROW + 1}
                canDrag={canWrite && movable(p.appointment)}
                onOpen={() => onOpen(p.appointment)}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_TYPE, p.appointment.id);
                  e.dataTransfer.setData('text/plain', p.appointment.id);
                  e.dataTransfer.effectAllowed = 'move';
                  const appointment = p.appointment;
                  setTimeout(() => setDragging(appointment), 0);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setOver(null);
                }}
              />
            ))}
          </div>
        );
      })}
    </div>
  );
}
