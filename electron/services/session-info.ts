import type { SessionInfo } from '../../shared/api/types';
import { permissionsOf, type Role } from '../../shared/domain/roles';
import type { LocalDatabase } from '../db/database';
import { findPractice } from '../db/practices';
import { membershipsOf } from '../db/staff';
import { notFound } from './errors';
import type { Session, SessionStore } from './sessions';

export function sessionInfo(db: LocalDatabase, sessions: SessionStore, session: Session): SessionInfo {
  const user = db.first(db.kysely.selectFrom('app_user').select(['id', 'email', 'display_name']).where('id', '=', session.userId));
  const practice = findPractice(db, session.practiceId);
  const memberships = membershipsOf(db, session.userId).filter((m) => m.is_active === 1);
  const current = memberships.find((m) => m.practice_id === session.practiceId);
  if (!user || !practice || !current) throw notFound('Session');
  const role = current.role as Role;
  return {
    token: session.token,
    expiresAt: sessions.expiresAt(session),
    user: { id: user.id, email: user.email, displayName: user.display_name },
    practice,
    role,
    permissions: permissionsOf(role),
    practices: memberships.map((m) => ({ id: m.practice_id, name: m.practice_name, role: m.role })),
  };
}
