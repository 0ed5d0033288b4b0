/** Checks shared by booking, the queue and payments: the references exist, moves are legal, clashes are reported. */
import { ApiError } from '../../shared/api/result';
import type { ClashDetail } from '../../shared/api/reception-types';
import { appointmentStatus, visitStatus, type AppointmentStatus, type VisitStatus } from '../../shared/domain/reception-status';
import { findClashes, type Booked } from '../../shared/domain/schedule';
import { diary, overlappingBookings } from '../db/appointments';
import type { LocalDatabase } from '../db/database';
import { t } from '../../shared/i18n';
import { findPatientRow } from '../db/patients';
import { findPractitioner, findRoom, findServiceType } from '../db/reception-setup';
import type { Actor } from './actor';
import { validationError } from './errors';

const label = (s: string) => s.toLowerCase().replace('_', ' ');
/** "It is already called." reads as "…: it is already called." after a colon. */
const afterColon = (sentence: string) => sentence.charAt(0).toLowerCase() + sentence.slice(1);

export function requireAppointmentMove(from: string, to: AppointmentStatus): void {
  const problem = appointmentStatus.explainMove(from as AppointmentStatus, to, label);
  if (problem) throw new ApiError({ kind: 'conflict', message: `This appointment cannot be ${label(to)}: ${afterColon(problem)}` });
}

export function requireVisitMove(from: string, to: VisitStatus): void {
  const problem = visitStatus.explainMove(from as VisitStatus, to, label);
  if (problem) throw new ApiError({ kind: 'conflict', message: `This visit cannot move to ${label(to)}: ${afterColon(problem)}` });
}

export interface BookingParts {
  patient: NonNullable<ReturnType<typeof findPatientRow>>;
  service: NonNullable<ReturnType<typeof findServiceType>>;
}

/** The patient, service, practitioner and room of a booking exist here and can be booked. */
export function requireBookable(
  db: LocalDatabase,
  actor: Actor,
  ids: { patientId: string; serviceTypeId: string; practitionerId: string | null; roomId: string | null },
): BookingParts {
  const patient = findPatientRow(db, actor.practiceId, ids.patientId);
  if (!patient) throw validationError({ patientId: 'Unknown patient' });
  // A stale screen may still offer a merged patient: book the survivor instead.
  if (patient.merged_into_id !== null) throw validationError({ patientId: t('err.mergedPatient') });
  if (patient.status === 'deceased') throw validationError({ patientId: 'This patient is recorded as deceased' });
  const service = findServiceType(db, actor.practiceId, ids.serviceTypeId);
  if (!service || service.is_active !== 1) throw validationError({ serviceTypeId: 'Choose an active service type' });
  if (ids.practitionerId) {
    const practitioner = findPractitioner(db, actor.practiceId, ids.practitionerId);
    if (!practitioner || !practitioner.bookable) throw validationError({ practitionerId: 'Choose a bookable practitioner' });
  }
  if (ids.roomId) {
    const room = findRoom(db, actor.practiceId, ids.roomId);
    if (!room || room.is_active !== 1) throw validationError({ roomId: 'Choose an active room' });
  }
  return { patient, service };
}

/** Throws a `conflict` listing the clashes, unless the receptionist gave a reason to book over them. */
export function refuseClashes(
  db: LocalDatabase,
  actor: Actor,
  candidates: (Omit<Booked, 'id'> & { id?: string })[],
  overrideReason: string | null,
  ignoreIds: readonly string[] = [],
): void {
  if (overrideReason) return;
  const found = candidates.flatMap((c, i) => {
    const existing = overlappingBookings(db, c).filter((b) => !ignoreIds.includes(b.id));
    const earlierInSeries = candidates.slice(0, i).map((o, j) => ({ ...o, id: `new-${j}` }));
    return findClashes(c, [...existing, ...earlierInSeries]).filter((x) => !x.appointmentId.startsWith('new-'));
  });
  if (found.length === 0) return;
  const days = candidates.map((c) => c.startAt.slice(0, 10)).sort();
  const dayBefore = new Date(Date.parse(days[0]!) - 86_400_000).toISOString().slice(0, 10);
  const dayAfter = new Date(Date.parse(days.at(-1)!) + 86_400_000).toISOString().slice(0, 10);
  const rows = new Map(diary(db, { practiceId: actor.practiceId, fromDay: dayBefore, toDay: dayAfter, ids: found.map((c) => c.appointmentId) }).map((r) => [r.id, r]));
  const detail: ClashDetail = {
    clashes: found.map((c) => ({
      ...c,
      startAt: rows.get(c.appointmentId)?.startAt ?? '',
      patientName: rows.get(c.appointmentId)?.patientName ?? '',
      practitionerName: rows.get(c.appointmentId)?.practitionerName ?? '',
    })),
  };
  const kinds = [...new Set(found.map((c) => c.kind))].join(', ');
  throw new ApiError({
    kind: 'conflict',
    message: `This would double-book (${kinds}). Choose another time, or book anyway with a reason.`,
    detail,
  });
}
