/** First run: create the practice and its first administrator, signed in. */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { SessionInfo, SetupStatus } from '../../shared/api/types';
import type { createPracticeInput } from '../../shared/schemas/practice';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { countPractices, firstPracticeName } from '../db/practices';
import { findUserByEmail, saveCredential } from '../db/staff';
import { insertSynced } from '../db/synced-rows';
import { seedMedications } from '../db/medications';
import { starterMedicationsFor } from '../../shared/clinical/starter-medications';
import { createVerifier } from '../security/password';
import { conflict } from './errors';
import { sessionInfo } from './session-info';
import type { SessionStore } from './sessions';

export function setupStatus(db: LocalDatabase): SetupStatus {
  return { needsSetup: countPractices(db) === 0, practiceName: firstPracticeName(db) };
}

export async function createPractice(
  db: LocalDatabase,
  sessions: SessionStore,
  input: z.output<typeof createPracticeInput>,
): Promise<SessionInfo> {
  if (countPractices(db) > 0) throw conflict('err.alreadySetUp');
  const verifier = await createVerifier(input.administrator.password);
  const practiceId = uuidv7();
  const userId = uuidv7();
  const { practice, administrator } = input;

  db.transaction(userId, () => {
    // Checked again inside the transaction: two first-run windows may race.
    if (countPractices(db) > 0) throw conflict('err.alreadySetUp');
    if (findUserByEmail(db, administrator.email)) throw conflict('err.emailTaken');
    insertSynced(
      db,
      'practice',
      practiceId,
      {
        name: practice.name,
        kind: practice.kind,
        allowed_species: JSON.stringify(practice.kind === 'veterinary' ? practice.allowedSpecies : []),
        currency: practice.currency,
        tax_rate_bp: practice.taxRateBasisPoints,
        time_zone: practice.timeZone,
        locale: practice.locale,
      },
      practiceId,
    );
    insertSynced(db, 'app_user', practiceId, { email: administrator.email, display_name: administrator.displayName, last_sign_in_at: db.isoNow() }, userId);
    saveCredential(db, userId, verifier);
    seedMedications(db, practiceId, starterMedicationsFor(practice.kind, practice.kind === 'veterinary' ? practice.allowedSpecies : []));
    insertSynced(db, 'practice_user', practiceId, { user_id: userId, role: 'admin', is_active: 1 });
    appendAudit(db, { practiceId, userId, action: 'create', entityType: 'practice', entityId: practiceId, after: practice });
    appendAudit(db, {
      practiceId,
      userId,
      action: 'create',
      entityType: 'staff',
      entityId: userId,
      after: { email: administrator.email, displayName: administrator.displayName, role: 'admin' },
    });
  });
  return sessionInfo(db, sessions, sessions.start(userId, practiceId));
}
