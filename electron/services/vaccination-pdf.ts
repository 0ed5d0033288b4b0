/** A vaccination certificate as PDF: the practice, the patient (and owner), every dose given (none entered in error), newest first. */
import type { VaccinationView } from '../../shared/api/prescribing-types';
import { pdfWriter } from './pdf-layout';

export interface CertificateContent {
  practiceName: string;
  patientName: string;
  patientDetail: string;
  accountName: string | null;
  /** Practice-local date of issue. */
  issuedOn: string;
  /** Each with givenOn already as a practice-local date. */
  vaccinations: (VaccinationView & { givenOn: string })[];
}

export async function renderVaccinationCertificate(content: CertificateContent): Promise<Uint8Array> {
  const w = await pdfWriter(`Vaccination certificate: ${content.patientName}`);
  w.line(content.practiceName, { size: 16, bold: true, gap: 24 });
  w.line('Vaccination certificate', { size: 13, bold: true, gap: 18 });
  w.line(`Patient: ${content.patientName}`);
  if (content.patientDetail) w.line(content.patientDetail);
  if (content.accountName) w.line(`Owner / account: ${content.accountName}`);
  w.line(`Issued ${content.issuedOn}`, { gap: 22 });
  w.rule();
  for (const v of content.vaccinations) {
    w.line(`${v.givenOn}  ${v.vaccineName}${v.vaccineType ? ` (${v.vaccineType})` : ''}`, { bold: true });
    const detail = [v.manufacturer, v.lotNumber ? `lot ${v.lotNumber}` : null, v.site ? `site: ${v.site}` : null].filter(Boolean).join(' · ');
    if (detail) w.line(detail, { x: 14 });
    w.line(`Given by ${v.givenByName ?? 'not recorded'}${v.nextDueOn ? `    Next due ${v.nextDueOn}` : ''}`, { x: 14 });
    w.space(6);
  }
  if (content.vaccinations.length === 0) w.line('No vaccinations recorded.');
  w.rule();
  w.space(30);
  w.line('Signature: ______________________________');
  return w.save();
}
