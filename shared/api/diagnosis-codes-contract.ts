/**
 * The practice's own coded diagnosis list (spread into shared/api/contract.ts).
 * Anyone with clinical.read lists and searches it (to code a diagnosis);
 * changing it needs clinical.catalogue. Codes are never removed, only
 * retired: consultations name them.
 */
import type { z } from 'zod';
import type { Permission } from '../domain/roles';
import {
  addDiagnosisCodeInput,
  importDiagnosisCodesInput,
  listDiagnosisCodesInput,
  searchDiagnosisCodesInput,
  setDiagnosisCodeActiveInput,
  updateDiagnosisCodeInput,
} from '../schemas/diagnosis-codes';
import type { DiagnosisCodeHit, DiagnosisCodeImport, DiagnosisCodeView } from './diagnosis-code-types';

interface Op<I extends z.ZodType, A extends Permission, O> {
  input: I;
  access: A;
  output: O;
}
const op =
  <I extends z.ZodType, A extends Permission>(input: I, access: A) =>
  <O>(): Op<I, A, O> => ({ input, access, output: undefined as O });

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
