import {
  addAddendum,
  consultationForVisit,
  consultationsForPatient,
  saveConsultationDraft,
  signConsultation,
  startConsultation,
  weightHistory,
} from '../../services/consultation';
import { addProcedure, changeDiagnosis, codeDiagnosis, recordVitals, removeConsultationRow } from '../../services/consultation-records';
import type { HandlersFor } from '../context';

export const consultationHandlers: HandlersFor<'consultations'> = {
  'consultations.start': (input, { db, actor }) => startConsultation(db, actor, input.visitId),
  'consultations.forVisit': (input, { db, actor }) => consultationForVisit(db, actor, input.visitId),
  'consultations.forPatient': (input, { db, actor }) => consultationsForPatient(db, actor, input.patientId),
  'consultations.weightHistory': (input, { db, actor }) => weightHistory(db, actor, input.patientId),
  'consultations.saveDraft': (input, { db, actor }) => saveConsultationDraft(db, actor, input),
  'consultations.recordVitals': (input, { db, actor }) => recordVitals(db, actor, input),
  'consultations.codeDiagnosis': (input, { db, actor }) => codeDiagnosis(db, actor, input),
  'consultations.addProcedure': (input, { db, actor }) => addProcedure(db, actor, input),
  'consultations.changeDiagnosis': (input, { db, actor }) => changeDiagnosis(db, actor, input),
  'consultations.removeRow': (input, { db, actor }) => removeConsultationRow(db, actor, input),
  'consultations.sign': (input, { db, actor }) => signConsultation(db, actor, input.consultationId),
  'consultations.addAddendum': (input, { db, actor }) => addAddendum(db, actor, input),
};
