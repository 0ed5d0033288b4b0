import { findDiagnosisCodes } from '../../services/icd10';
import type { HandlersFor } from '../context';

export const icd10Handlers: HandlersFor<'icd10'> = {
  'icd10.search': (input, { db, actor }) => findDiagnosisCodes(db, actor, input),
};
