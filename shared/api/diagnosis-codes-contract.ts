/**
 * The practice's own coded diagnosis list (spread into shared/api/contract.ts).
 * Anyone with clinical.read lists and searches it (to code a diagnosis);
 * changing it needs clinical.catalogue. Codes are never removed, only
 * retired: consultations name them.
 */
import { op } from './operation';
import {
  addDiagnosisCodeInput,
  importDiagnosisCodesInput,
  listDiagnosisCodesInput,
  searchDiagnosisCodesInput,
  setDiagnosisCodeActiveInput,
  updateDiagnosisCodeInput,
} from '../schemas/diagnosis-codes';
import type { DiagnosisCodeHit, DiagnosisCodeImport, DiagnosisCodeView } from './diagnosis-code-types';


export const diagnosisCodesContract = {
  'diagnosisCodes.list': op(listDiagnosisCodesInput, 'clinical.read')<DiagnosisCodeView[]>(),
  // Active codes only; with a consultation, only those for its patient's species.
  'diagnosisCodes.search': op(searchDiagnosisCodesInput, 'clinical.read')<DiagnosisCodeHit[]>(),
  // Refused with `conflict` when the code is already on the list (active or retired).
  'diagnosisCodes.add': op(addDiagnosisCodeInput, 'clinical.catalogue')<DiagnosisCodeView>(),
  'diagnosisCodes.update': op(updateDiagnosisCodeInput, 'clinical.catalogue')<DiagnosisCodeView>(),
  'diagnosisCodes.setActive': op(setDiagnosisCodeActiveInput, 'clinical.catalogue')<DiagnosisCodeView>(),
  // All or nothing: any bad row is a `validation` error naming its line, and nothing is written.
  'diagnosisCodes.import': op(importDiagnosisCodesInput, 'clinical.catalogue')<DiagnosisCodeImport>(),
} as const;
