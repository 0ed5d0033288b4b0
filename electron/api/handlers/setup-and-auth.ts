import { signIn, signOut } from '../../services/auth';
import { sessionInfo } from '../../services/session-info';
import { createPractice, setupStatus } from '../../services/setup';
import type { HandlersFor } from '../context';

export const setupHandlers: HandlersFor<'setup'> = {
  'setup.status': (_input, { db }) => setupStatus(db),
  'setup.createPractice': (input, { db, sessions }) => createPractice(db, sessions, input),
};

export const authHandlers: HandlersFor<'auth'> = {
  'auth.signIn': (input, { db, sessions }) => signIn(db, sessions, input),
  'auth.signOut': (_input, { db, sessions, actor }) => signOut(db, sessions, actor.session),
  'auth.session': (_input, { db, sessions, actor }) => sessionInfo(db, sessions, actor.session),
};
