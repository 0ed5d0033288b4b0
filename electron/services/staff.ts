/** Staff administration: add staff with a role, change roles, deactivate. */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { PracticeInfo, StaffMember } from '../../shared/api/types';
import type { PracticeSettings } from '../../shared/schemas/practice';
import type { addStaffInput, changeRoleInput, setStaffActiveInput } from '../../shared/schemas/staff';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { findPractice } from '../db/practices';
import { countActiveAdmins, findStaff, findUserByEmail, listStaff, saveCredential, toStaffMember } from '../db/staff';
import { insertSynced, updateSynced } from '../db/synced-rows';
import { createVerifier } from '../security/password';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';
import type { SessionStore } from './sessions';

export function staffList(db: LocalDatabase, actor: Actor): StaffMember[] {
  return listStaff(db, actor.practiceId).map(toStaffMember);
}

export async function addStaff(db: LocalDatabase, actor: Actor, input: z.output<typeof addStaffInput>): Promise<StaffMember> {
  if (findUserByEmail(db, input.email)) throw validationError({ email: conflict('err.emailTaken').message });
  const verifier = await createVerifier(input.password);
  const userId = uuidv7();
  db.transaction(actor.userId, () => {
    if (findUserByEmail(db, input.email)) throw validationError({ email: conflict('err.emailTaken').message });
    insertSynced(
      db,
      'app_user',
      actor.practiceId,
      { email: input.email, display_name: input.displayName, licence_number: input.licenceNumber },
      userId,
    );
    saveCredential(db, userId, verifier);
    insertSynced(db, 'practice_user', actor.practiceId, { user_id: userId, role: input.role, is_active: 1 });
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'create',
      entityType: 'staff',
      entityId: userId,
      after: { email: input.email, displayName: input.displayName, role: input.role, licenceNumber: input.licenceNumber },
    });
  });
  return toStaffMember(findStaff(db, actor.practiceId, userId)!);
}

/** Role or active flag changes; refuses to leave the practice without an active administrator. */
function changeMembership(
  db: LocalDatabase,
  sessions: SessionStore,
  actor: Actor,
  userId: string,
  change: { role?: string; is_active?: number },
): StaffMember {
  db.transaction(actor.userId, () => {
    const before = findStaff(db, actor.practiceId, userId);
    if (!before) throw notFound('Staff member');
    updateSynced(db, 'practice_user', before.membershipId, change);
    if (countActiveAdmins(db, actor.practiceId) === 0) throw conflict('err.lastAdmin');
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'update',
      entityType: 'staff',
      entityId: userId,
      before: { role: before.role, active: before.isActive === 1 },
      after: { role: change.role ?? before.role, active: (change.is_active ?? before.isActive) === 1 },
    });
  });
  if (change.is_active === 0) sessions.endAllFor(userId);
  return toStaffMember(findStaff(db, actor.practiceId, userId)!);
}

export function changeRole(db: LocalDatabase, sessions: SessionStore, actor: Actor, input: z.output<typeof changeRoleInput>): StaffMember {
  return changeMembership(db, sessions, actor, input.userId, { role: input.role });
}

export function setStaffActive(
  db: LocalDatabase,
  sessions: SessionStore,
  actor: Actor,
  input: z.output<typeof setStaffActiveInput>,
): StaffMember {
  return changeMembership(db, sessions, actor, input.userId, { is_active: input.active ? 1 : 0 });
}

export function updatePractice(db: LocalDatabase, actor: Actor, settings: PracticeSettings): PracticeInfo {
  db.transaction(actor.userId, () => {
    updateSynced(db, 'practice', actor.practiceId, {
      name: settings.name,
      kind: settings.kind,
      allowed_species: JSON.stringify(settings.kind === 'veterinary' ? settings.allowedSpecies : []),
      currency: settings.currency,
      tax_rate_bp: settings.taxRateBasisPoints,
      time_zone: settings.timeZone,
      locale: settings.locale,
    });
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'update',
      entityType: 'practice',
      entityId: actor.practiceId,
      before: actor.practice,
      after: settings,
    });
  });
  return findPractice(db, actor.practiceId)!;
}
