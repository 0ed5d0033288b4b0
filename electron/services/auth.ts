/** Signing in and out against this device's password verifiers. */
import { ApiError } from '../../shared/api/result';
import type { SessionInfo } from '../../shared/api/types';
import { t } from '../../shared/i18n';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { firstPracticeId } from '../db/practices';
import { findUserByEmail, membershipsOf } from '../db/staff';
import { updateSynced } from '../db/synced-rows';
import { checkPassword, DUMMY_VERIFIER } from '../security/password';
import { sessionInfo } from './session-info';
import type { Session, SessionStore } from './sessions';

export async function signIn(
  db: LocalDatabase,
  sessions: SessionStore,
  input: { email: string; password: string; practiceId?: string | undefined },
): Promise<SessionInfo> {
  const user = findUserByEmail(db, input.email);
  // Check a dummy verifier for unknown emails so timing does not reveal which emails exist.
  const passwordOk = await checkPassword(input.password, user?.verifier ?? DUMMY_VERIFIER);
  const memberships = user ? membershipsOf(db, user.id).filter((m) => m.is_active === 1) : [];
  const chosen = input.practiceId ? memberships.find((m) => m.practice_id === input.practiceId) : memberships[0];

  if (!user || !passwordOk || !chosen) {
    const practiceId = chosen?.practice_id ?? firstPracticeId(db);
    if (practiceId) {
      db.transaction(user?.id ?? null, () =>
        appendAudit(db, {
          practiceId,
          userId: user?.id ?? null,
          action: 'sign_in_failed',
          entityType: 'session',
          entityId: null,
          after: { email: input.email, reason: !user || !passwordOk ? 'bad_credentials' : 'inactive' },
        }),
      );
    }
    const inactive = user && passwordOk && !chosen;
    throw new ApiError({ kind: 'unauthenticated', message: t(inactive ? 'err.inactiveUser' : 'err.badCredentials') });
  }

  db.transaction(user.id, () => {
    updateSynced(db, 'app_user', user.id, { last_sign_in_at: db.isoNow() });
    appendAudit(db, { practiceId: chosen.practice_id, userId: user.id, action: 'sign_in', entityType: 'session', entityId: null });
  });
  return sessionInfo(db, sessions, sessions.start(user.id, chosen.practice_id));
}

export function signOut(db: LocalDatabase, sessions: SessionStore, session: Session): { signedOut: true } {
  db.transaction(session.userId, () =>
    appendAudit(db, { practiceId: session.practiceId, userId: session.userId, action: 'sign_out', entityType: 'session', entityId: null }),
  );
  sessions.end(session.token);
  return { signedOut: true };
}
