import { countConflicts, listConflicts, resolveConflict } from '../../services/conflicts';
import type { HandlersFor } from '../context';

export const conflictHandlers: HandlersFor<'conflicts'> = {
  'conflicts.list': (_input, { db, actor }) => listConflicts(db, actor),
  'conflicts.count': (_input, { db, actor }) => countConflicts(db, actor),
  'conflicts.resolve': (input, { db, actor }) => resolveConflict(db, actor, input),
};
