import { compareForMerge, dismissDuplicate, listDuplicates, mergePatients } from '../../services/patient-merge';
import type { HandlersFor } from '../context';

export const duplicateHandlers: HandlersFor<'duplicates'> = {
  'duplicates.list': (_input, { db, actor }) => listDuplicates(db, actor),
  'duplicates.dismiss': (input, { db, actor }) => dismissDuplicate(db, actor, input),
  'duplicates.compare': (input, { db, actor }) => compareForMerge(db, actor, input),
  'duplicates.merge': (input, { db, actor }) => mergePatients(db, actor, input),
};
