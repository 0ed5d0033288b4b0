/**
 * The prescribing and vaccination operations of the one typed contract
 * (spread into shared/api/contract.ts). Reading needs clinical.read; every
 * write needs clinical.write (so reception can neither prescribe nor record
 * a dose); a controlled drug also needs the prescriber's licence number on
 * record, which the service checks.
 */
import { z } from 'zod';
import { op } from './operation';
import {
  cancelPrescriptionInput,
  enterVaccinationInErrorInput,
  medicationSearchInput,
  prescribeInput,
  prescribingCheckInput,
  recordVaccinationInput,
  vaccinationsDueInput,
} from '../schemas/prescribing';
import type { MedicationView, PdfFile, PrescribingCheck, PrescriptionView, VaccinationView, VaccinationsDue } from './prescribing-types';


const patientIdInput = z.object({ patientId: z.uuid() });

export const prescribingContract = {
  // An empty query lists the catalogue (a practice without one gets the starter list first).
  'medications.search': op(medicationSearchInput, 'clinical.read')<MedicationView[]>(),
  // Refused with `conflict` (detail: AllergyRefusal) for an allergy without an override reason,
  // and with `validation` for a controlled drug when the prescriber has no licence number.
  'prescriptions.prescribe': op(prescribeInput, 'clinical.write')<PrescriptionView>(),
  // The same checks before issuing, writing nothing: for warning as items are added.
  'prescriptions.check': op(prescribingCheckInput, 'clinical.write')<PrescribingCheck>(),
  'prescriptions.cancel': op(cancelPrescriptionInput, 'clinical.write')<PrescriptionView>(),
  'prescriptions.forPatient': op(patientIdInput, 'clinical.read')<PrescriptionView[]>(),
  'prescriptions.pdf': op(z.object({ prescriptionId: z.uuid() }), 'clinical.read')<PdfFile>(),

  'vaccinations.record': op(recordVaccinationInput, 'clinical.write')<VaccinationView>(),
  // The one correction of a recorded dose; refused with `conflict` if it is already marked.
  'vaccinations.enterInError': op(enterVaccinationInErrorInput, 'clinical.write')<VaccinationView>(),
  'vaccinations.forPatient': op(patientIdInput, 'clinical.read')<VaccinationView[]>(),
  'vaccinations.due': op(vaccinationsDueInput, 'clinical.read')<VaccinationsDue>(),
  'vaccinations.certificate': op(patientIdInput, 'clinical.read')<PdfFile>(),
} as const;
