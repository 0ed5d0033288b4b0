/** Staff: users, their practice roles, and their local password verifiers. */
import type { StaffMember } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import type { LocalDatabase } from './database';

export interface UserWithCredential {
  id: string;
  email: string;
  display_name: string;
  verifier: string | null;
}

export function findUserByEmail(db: LocalDatabase, email: string): UserWithCredential | undefined {
  return db.first(
    db.kysely
      .selectFrom('app_user as u')
      .leftJoin('user_credential as c', 'c.user_id', 'u.id')
      .select(['u.id', 'u.email', 'u.display_name', 'c.verifier'])
      .where('u.email', '=', email.toLowerCase())
      .where('u.deleted_at', 'is', null),
  );
}

export interface Membership {
  practice_id: string;
  practice_name: string;
  role: Role;
  is_active: number;
}

export function membershipsOf(db: LocalDatabase, userId: string): Membership[] {
  return db.all(
    db.kysely
      .selectFrom('practice_user as pu')
      .innerJoin('practice as p', 'p.id', 'pu.practice_id')
      .select(['pu.practice_id', 'p.name as practice_name', 'pu.role', 'pu.is_active'])
      .where('pu.user_id', '=', userId)
      .where('pu.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .orderBy('p.created_at'),
  ) as Membership[];
}

export function membership(db: LocalDatabase, userId: string, practiceId: string): Membership | undefined {
  return membershipsOf(db, userId).find((m) => m.practice_id === practiceId);
}

const staffColumns = [
  'u.id as userId',
  'u.email',
  'u.display_name as displayName',
  'pu.role',
  'pu.is_active as isActive',
  'u.licence_number as licenceNumber',
  'u.last_sign_in_at as lastSignInAt',
  'pu.created_at as createdAt',
  'pu.id as membershipId',
] as const;

export interface StaffRow {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  isActive: number;
  licenceNumber: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  membershipId: string;
}

function staffQuery(db: LocalDatabase, practiceId: string) {
  return db.kysely
    .selectFrom('practice_user as pu')
    .innerJoin('app_user as u', 'u.id', 'pu.user_id')
    .select(staffColumns)
    .where('pu.practice_id', '=', practiceId)
    .where('pu.deleted_at', 'is', null);
}

export function listStaff(db: LocalDatabase, practiceId: string): StaffRow[] {
  return db.all(staffQuery(db, practiceId).orderBy('u.display_name'));
}

export function findStaff(db: LocalDatabase, practiceId: string, userId: string): StaffRow | undefined {
  return db.first(staffQuery(db, practiceId).where('u.id', '=', userId));
}

export function toStaffMember(row: StaffRow): StaffMember {
  const { membershipId: _m, isActive, ...rest } = row;
  return { ...rest, role: row.role as Role, active: isActive === 1 };
}

export function countActiveAdmins(db: LocalDatabase, practiceId: string): number {
  const row = db.first(
    db.kysely
      .selectFrom('practice_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('role', '=', 'admin')
      .where('is_active', '=', 1)
      .where('deleted_at', 'is', null),
  );
  return row?.n ?? 0;
}

export function saveCredential(db: LocalDatabase, userId: string, verifier: string): void {
  db.run(
    db.kysely
      .insertInto('user_credential')
      .values({ user_id: userId, verifier, updated_at: db.isoNow() })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ verifier, updated_at: db.isoNow() })),
  );
}

export function userNames(db: LocalDatabase, userIds: string[]): Map<string, string> {
  if (userIds.length === 0) return new Map();
  const rows = db.all(db.kysely.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds));
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
