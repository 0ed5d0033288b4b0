/**
 * The consultation operations of the one typed contract (spread into
 * shared/api/contract.ts). Reading needs clinical.read; every write needs
 * clinical.write; signing also needs to be the consultation's practitioner
 * or a doctor (shared/clinical/signing-rules.ts, checked by the service).
 */
import { z } from 'zod';
import {
  addAddendumInput,
  addProcedureInput,
  changeDiagnosisInput,
  codeDiagnosisInput,
  consultationForVisitInput,
  consultationIdInput,
  recordVitalsInput,
  removeConsultationRowInput,
  saveDraftInput,
  startConsultationInput,
} from '../schemas/consultation';
import { uuid } from '../schemas/common';
import { op } from './operation';
import type { ConsultationSummary, ConsultationView, WeightPoint } from './consultation-types';


export const consultationContract = {
  // Opens the visit's consultation if it has one; otherwise starts it and moves the visit to IN_PROGRESS.
  'consultations.start': op(startConsultationInput, 'clinical.write')<ConsultationView>(),
  'consultations.forVisit': op(consultationForVisitInput, 'clinical.read')<ConsultationView | null>(),
  'consultations.forPatient': op(z.object({ patientId: uuid }), 'clinical.read')<ConsultationSummary[]>(),
  'consultations.weightHistory': op(z.object({ patientId: uuid }), 'clinical.read')<WeightPoint[]>(),
  'consultations.saveDraft': op(saveDraftInput, 'clinical.write')<ConsultationView>(),
  'consultations.recordVitals': op(recordVitalsInput, 'clinical.write')<ConsultationView>(),
  // ICD-10: a billable code of the shipped set (search with icd10.search); or FREE_TEXT (vets' own words).
  'consultations.codeDiagnosis': op(codeDiagnosisInput, 'clinical.write')<ConsultationView>(),
  'consultations.addProcedure': op(addProcedureInput, 'clinical.write')<ConsultationView>(),
  'consultations.changeDiagnosis': op(changeDiagnosisInput, 'clinical.write')<ConsultationView>(),
  'consultations.removeRow': op(removeConsultationRowInput, 'clinical.write')<ConsultationView>(),
  'consultations.sign': op(consultationIdInput, 'clinical.write')<ConsultationView>(),
  'consultations.addAddendum': op(addAddendumInput, 'clinical.write')<ConsultationView>(),
} as const;
