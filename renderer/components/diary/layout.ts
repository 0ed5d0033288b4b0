/** Where appointments sit in a diary column: minutes from the top, and side-by-side lanes for overlaps. */
import type { AppointmentView } from '../../../shared/api/reception-types';
import { localParts, minutesOf } from '../../reception';

export interface DiaryColumn {
  /** Practitioner id, room id (or 'none'), or the day in week view; `data-column` of its slots. */
  key: string;
  label: string;
  sublabel?: string;
  day: string;
  practitionerId?: string;
  roomId?: string;
  appointments: AppointmentView[];
  /** Working intervals in minutes after midnight; slots outside them are shaded. */
  working: [number, number][];
}

export interface Placed {
  appointment: AppointmentView;
  start: number;
  end: number;
  lane: number;
  lanes: number;
  /** Shares time with another appointment in this column (a booked-over clash). */
  overlaps: boolean;
}

/** Local start and end minutes of an appointment on `day` (clipped to that day). */
export function minutesOn(appointment: AppointmentView, day: string, timeZone: string): [number, number] {
  const start = localParts(appointment.startAt, timeZone);
  const end = localParts(appointment.endAt, timeZone);
  const s = start.day < day ? 0 : minutesOf(start.time);
  const e = end.day > day ? 24 * 60 : minutesOf(end.time);
  return [s, Math.max(e, s + 5)];
}

/** Greedy lanes per cluster of overlapping appointments. */
export function placeAppointments(appointments: readonly AppointmentView[], day: string, timeZone: string): Placed[] {
  const items = appointments
    .map((appointment) => {
      const [start, end] = minutesOn(appointment, day, timeZone);
      return { appointment, start, end, lane: 0, lanes: 1, overlaps: false };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = -1;
  const flush = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) {
      p.lanes = lanes;
      p.overlaps = cluster.some((o) => o !== p && o.start < p.end && p.start < o.end);
    }
    placed.push(...cluster);
    cluster = [];
  };
  for (const item of items) {
    if (cluster.length > 0 && item.start >= clusterEnd) flush();
    const laneEnds: number[] = [];
    for (const p of cluster) laneEnds[p.lane] = Math.max(laneEnds[p.lane] ?? 0, p.end);
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) lane = laneEnds.length;
    item.lane = lane;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  if (cluster.length > 0) flush();
  return placed;
}
