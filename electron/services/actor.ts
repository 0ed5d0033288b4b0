import type { PracticeInfo } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import type { Session } from './sessions';

/** Who is calling: the signed-in user, in one practice, with their role there now. */
export interface Actor {
  userId: string;
  practiceId: string;
  role: Role;
  practice: PracticeInfo;
  session: Session;
}
