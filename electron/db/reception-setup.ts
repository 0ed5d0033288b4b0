/** Service types, rooms, practitioners' services and hours, and this desk's settings. */
import type { Practitioner, Room, ServiceType } from '../../shared/api/reception-types';
import type { Role } from '../../shared/domain/roles';
import type { WorkingHours } from '../../shared/domain/schedule';
import type { LocalDatabase } from './database';
import type { ServiceTypeTable } from './schema';

export function toServiceType(row: ServiceTypeTable): ServiceType {
  return {
    id: row.id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    priceMinor: row.price_minor,
    colour: row.colour,
    practitionerShareBp: row.practitioner_share_bp,
    active: row.is_active === 1,
  };
}

export function listServiceTypes(db: LocalDatabase, practiceId: string): ServiceType[] {
  return db
    .all(db.kysely.selectFrom('service_type').selectAll().where('practice_id', '=', practiceId).where('deleted_at', 'is', null).orderBy('name'))
    .map(toServiceType);
}

export function findServiceType(db: LocalDatabase, practiceId: string, id: string): ServiceTypeTable | undefined {
  return db.firstShaped(
    'service type row',
    () => db.kysely.selectFrom('service_type').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null).compile(),
    [id, practiceId],
  );
}

export function listRooms(db: LocalDatabase, practiceId: string): Room[] {
  return db
    .all(db.kysely.selectFrom('room').selectAll().where('practice_id', '=', practiceId).where('deleted_at', 'is', null).orderBy('name'))
    .map((r) => ({ id: r.id, name: r.name, active: r.is_active === 1 }));
}

export function findRoom(db: LocalDatabase, practiceId: string, id: string) {
  return db.firstShaped(
    'room row',
    () => db.kysely.selectFrom('room').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null).compile(),
    [id, practiceId],
  );
}

const PRACTITIONER_ROLES = ['doctor', 'nurse'] as const;

/** Doctors and nurses of the practice, with what they offer and when they work. */
export function listPractitioners(db: LocalDatabase, practiceId: string): Practitioner[] {
  return practitioners(db, practiceId);
}

/** One practitioner of the practice (a doctor or nurse, active), or undefined: what a booking checks. */
export function findPractitioner(db: LocalDatabase, practiceId: string, userId: string): Practitioner | undefined {
  return practitioners(db, practiceId, userId)[0];
}

function practitioners(db: LocalDatabase, practiceId: string, userId?: string): Practitioner[] {
  const staffQuery = db.kysely
    .selectFrom('practice_user as pu')
    .innerJoin('app_user as u', 'u.id', 'pu.user_id')
    .leftJoin('practitioner_profile as pp', (join) =>
      join.onRef('pp.user_id', '=', 'pu.user_id').onRef('pp.practice_id', '=', 'pu.practice_id').on('pp.deleted_at', 'is', null),
    )
    .select(['u.id', 'u.display_name', 'pu.role', 'pp.working_hours', 'pp.is_bookable'])
    .where('pu.practice_id', '=', practiceId)
    .where('pu.is_active', '=', 1)
    .where('pu.deleted_at', 'is', null)
    .where('pu.role', 'in', PRACTITIONER_ROLES);
  const offeredQuery = db.kysely
    .selectFrom('practitioner_service')
    .select(['user_id', 'service_type_id'])
    .where('practice_id', '=', practiceId)
    .where('deleted_at', 'is', null);
  let staff, offered;
  if (userId) {
    // One practitioner, as every booking checks: compiled once.
    const oneStaff = staffQuery.where('pu.user_id', '=', userId);
    const oneOffered = offeredQuery.where('user_id', '=', userId);
    staff = db.allShaped('practitioner by id', () => oneStaff.compile(), [practiceId, 1, ...PRACTITIONER_ROLES, userId]);
    offered = db.allShaped('services of a practitioner', () => oneOffered.compile(), [practiceId, userId]);
  } else {
    staff = db.all(staffQuery.orderBy('u.display_name'));
    offered = db.all(offeredQuery);
  }
  return staff.map((s) => ({
    userId: s.id,
    displayName: s.display_name,
    role: s.role as Role,
    bookable: s.is_bookable === null ? true : s.is_bookable === 1,
    serviceTypeIds: offered.filter((o) => o.user_id === s.id).map((o) => o.service_type_id),
    workingHours: s.working_hours ? (JSON.parse(s.working_hours) as WorkingHours[]) : [],
  }));
}

export function findProfileId(db: LocalDatabase, practiceId: string, userId: string): string | undefined {
  return db.first(
    db.kysely
      .selectFrom('practitioner_profile')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null),
  )?.id;
}

export function offeredServices(db: LocalDatabase, practiceId: string, userId: string): { id: string; service_type_id: string }[] {
  return db.all(
    db.kysely
      .selectFrom('practitioner_service')
      .select(['id', 'service_type_id'])
      .where('practice_id', '=', practiceId)
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null),
  );
}

export function deskSettings(db: LocalDatabase): { queueSeries: string | null } {
  const row = db.first(db.kysely.selectFrom('device').select('queue_series'));
  return { queueSeries: row?.queue_series ?? null };
}

export function setQueueSeries(db: LocalDatabase, series: string): void {
  db.run(db.kysely.updateTable('device').set({ queue_series: series }));
}
