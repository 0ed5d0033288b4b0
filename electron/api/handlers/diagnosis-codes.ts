import {
  addDiagnosisCode,
  importDiagnosisCodes,
  listDiagnosisCodes,
  searchDiagnosisCodes,
  setDiagnosisCodeActive,
  updateDiagnosisCode,
} from '../../services/diagnosis-codes';
import type { HandlersFor } from '../context';

export const diagnosisCodeHandlers: HandlersFor<'diagnosisCodes'> = {
  'diagnosisCodes.list': (input, { db, actor }) => listDiagnosisCodes(db, actor, input),
  'diagnosisCodes.search': (input, { db, actor }) => searchDiagnosisCodes(db, actor, input),
  'diagnosisCodes.add': (input, { db, actor }) => addDiagnosisCode(db, actor, input),
  'diagnosisCodes.update': (input, { db, actor }) => updateDiagnosisCode(db, actor, input),
  'diagnosisCodes.setActive': (input, { db, actor }) => setDiagnosisCodeActive(db, actor, input),
  'diagnosisCodes.import': (input, { db, actor }) => importDiagnosisCodes(db, actor, input),
};
