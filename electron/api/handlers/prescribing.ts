import { prescriptionPdf, vaccinationCertificatePdf } from '../../services/clinical-pdfs';
import { addMedication, listMedicationCatalogue, setMedicationActive, updateMedication } from '../../services/medication-catalogue';
import { cancelPrescription, checkPrescription, findMedications, prescribe, prescriptionsForPatient } from '../../services/prescribing';
import { enterVaccinationInError, recordVaccination, vaccinationsDue, vaccinationsForPatient } from '../../services/vaccinations';
import type { HandlersFor } from '../context';

export const medicationHandlers: HandlersFor<'medications'> = {
  'medications.search': (input, { db, actor }) => findMedications(db, actor, input),
  'medications.list': (input, { db, actor }) => listMedicationCatalogue(db, actor, input),
  'medications.add': (input, { db, actor }) => addMedication(db, actor, input),
  'medications.update': (input, { db, actor }) => updateMedication(db, actor, input),
  'medications.setActive': (input, { db, actor }) => setMedicationActive(db, actor, input),
};

export const prescriptionHandlers: HandlersFor<'prescriptions'> = {
  'prescriptions.prescribe': (input, { db, actor }) => prescribe(db, actor, input),
  'prescriptions.check': (input, { db, actor }) => checkPrescription(db, actor, input),
  'prescriptions.cancel': (input, { db, actor }) => cancelPrescription(db, actor, input),
  'prescriptions.forPatient': (input, { db, actor }) => prescriptionsForPatient(db, actor, input.patientId),
  'prescriptions.pdf': (input, { db, actor }) => prescriptionPdf(db, actor, input.prescriptionId),
};

export const vaccinationHandlers: HandlersFor<'vaccinations'> = {
  'vaccinations.record': (input, { db, actor }) => recordVaccination(db, actor, input),
  'vaccinations.enterInError': (input, { db, actor }) => enterVaccinationInError(db, actor, input),
  'vaccinations.forPatient': (input, { db, actor }) => vaccinationsForPatient(db, actor, input.patientId),
  'vaccinations.due': (input, { db, actor }) => vaccinationsDue(db, actor, input),
  'vaccinations.certificate': (input, { db, actor }) => vaccinationCertificatePdf(db, actor, input.patientId),
};
