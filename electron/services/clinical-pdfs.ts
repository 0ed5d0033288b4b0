/** The prescription and vaccination-certificate PDFs, filled from the records in practice time. */
import type { PdfFile } from '../../shared/api/prescribing-types';
import { clinicDay, utcToLocal } from '../../shared/domain/practice-time';
import type { LocalDatabase } from '../db/database';
import { survivorOf } from '../db/patient-merge';
import { displayName, findAccountRow, findPatientRow } from '../db/patients';
import type { Actor } from './actor';
import { notFound } from './errors';
import { prescriptionRow } from './prescribing';
import { renderPrescription } from './prescription-pdf';
import { renderVaccinationCertificate } from './vaccination-pdf';
import { vaccinationsForPatient } from './vaccinations';

function patientLines(db: LocalDatabase, actor: Actor, patientId: string) {
  const patient = findPatientRow(db, actor.practiceId, patientId);
  if (!patient) throw notFound('Patient');
  const account = findAccountRow(db, actor.practiceId, patient.account_id)!;
  const detail =
    patient.kind === 'animal'
      ? [patient.species, patient.breed, patient.sex, patient.microchip_number ? `microchip ${patient.microchip_number}` : null].filter(Boolean).join(', ')
      : patient.date_of_birth
        ? `Born ${patient.date_of_birth}${patient.id_number ? `, ID ${patient.id_number}` : ''}`
        : '';
  const accountName = `${account.first_name} ${account.last_name}`;
  const own = patient.kind === 'human' && patient.relationship_to_account === 'self';
  return { name: displayName(patient, account.last_name), detail, accountName: own ? null : accountName };
}

const pdfFile = (fileName: string, bytes: Uint8Array): PdfFile => ({ fileName, pdfBase64: Buffer.from(bytes).toString('base64') });

export async function prescriptionPdf(db: LocalDatabase, actor: Actor, prescriptionId: string): Promise<PdfFile> {
  const prescription = prescriptionRow(db, actor, prescriptionId);
  const patient = patientLines(db, actor, prescription.patientId);
  const bytes = await renderPrescription({
    practiceName: actor.practice.name,
    prescription,
    issuedAt: utcToLocal(prescription.issuedAt, actor.practice.timeZone).replace('T', ' '),
    patientName: patient.name,
    patientDetail: patient.detail,
    accountName: patient.accountName,
  });
  return pdfFile(`prescription-${prescription.prescriptionNumber}.pdf`, bytes);
}

export async function vaccinationCertificatePdf(db: LocalDatabase, actor: Actor, patientId: string): Promise<PdfFile> {
  const survivor = survivorOf(db, patientId);
  const patient = patientLines(db, actor, survivor);
  const zone = actor.practice.timeZone;
  // A dose entered in error was never given (or not to this patient): the certificate does not vouch for it.
  const vaccinations = vaccinationsForPatient(db, actor, survivor)
    .filter((v) => v.enteredInError === null)
    .map((v) => ({ ...v, givenOn: clinicDay(v.givenAt, zone) }));
  const bytes = await renderVaccinationCertificate({
    practiceName: actor.practice.name,
    patientName: patient.name,
    patientDetail: patient.detail,
    accountName: patient.accountName,
    issuedOn: clinicDay(db.isoNow(), zone),
    vaccinations,
  });
  const safeName = patient.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'patient';
  return pdfFile(`vaccination-certificate-${safeName}.pdf`, bytes);
}
