import type { Handlers } from '../context';
import { duplicateHandlers } from './duplicates';
import { accountHandlers, auditHandlers, chartHandlers, patientHandlers } from './patients';
import { authHandlers, setupHandlers } from './setup-and-auth';
import { appointmentHandlers, paymentHandlers, queueHandlers, receptionHandlers, visitHandlers } from './reception';
import { practiceHandlers, staffHandlers } from './staff';
import { syncHandlers } from './sync';
import { conflictHandlers } from './conflicts';
import { icd10Handlers } from './icd10';
import { documentHandlers, labHandlers, planHandlers } from './records';
import { consultationHandlers } from './consultations';
import { diagnosisCodeHandlers } from './diagnosis-codes';
import { medicationHandlers, prescriptionHandlers, vaccinationHandlers } from './prescribing';

export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...practiceHandlers,
  ...staffHandlers,
  ...patientHandlers,
  ...accountHandlers,
  ...chartHandlers,
  ...auditHandlers,
  ...duplicateHandlers,
  ...receptionHandlers,
  ...appointmentHandlers,
  ...visitHandlers,
  ...queueHandlers,
  ...paymentHandlers,
  ...syncHandlers,
  ...conflictHandlers,
  ...icd10Handlers,
  ...labHandlers,
  ...documentHandlers,
  ...planHandlers,
  ...consultationHandlers,
  ...diagnosisCodeHandlers,
  ...medicationHandlers,
  ...prescriptionHandlers,
  ...vaccinationHandlers,
};
