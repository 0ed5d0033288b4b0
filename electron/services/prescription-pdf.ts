/** A prescription as PDF: practice, patient, prescriber and licence, number, date, items; "CANCELLED" across a cancelled one. */
import type { PrescriptionView } from '../../shared/api/prescribing-types';
import { pdfWriter } from './pdf-layout';

export interface PrescriptionContent {
  practiceName: string;
  prescription: PrescriptionView;
  /** Already in practice time, for people. */
  issuedAt: string;
  patientName: string;
  /** Date of birth, or species and breed for an animal. */
  patientDetail: string;
  /** The owner or account holder, for an animal or a dependant. */
  accountName: string | null;
}

export async function renderPrescription(content: PrescriptionContent): Promise<Uint8Array> {
  const rx = content.prescription;
  const w = await pdfWriter(`Prescription ${rx.prescriptionNumber}`);
  w.line(content.practiceName, { size: 16, bold: true, gap: 24 });
  w.line(`Prescription ${rx.prescriptionNumber}`, { size: 12, bold: true, gap: 16 });
  w.line(`Issued ${content.issuedAt}`, { gap: 24 });
  w.line(`Patient: ${content.patientName}`);
  if (content.patientDetail) w.line(content.patientDetail);
  if (content.accountName) w.line(`Owner / account: ${content.accountName}`);
  w.space(10);
  w.line(`Prescriber: ${rx.prescriberName}`);
  w.line(`Licence: ${rx.prescriberLicence ?? 'not recorded'}`, { gap: 24 });
  w.rule();
  rx.items.forEach((item, i) => {
    const drug = [item.medicationName, item.strength && !item.medicationName.includes(item.strength) ? item.strength : null, item.form].filter(Boolean).join(', ');
    w.line(`${i + 1}. ${drug}`, { bold: true });
    if (item.isControlled) w.line(`Controlled drug${item.schedule ? ` (${item.schedule})` : ''}`, { x: 14, size: 9 });
    w.line(`${item.dose}, ${item.frequency}${item.duration ? `, for ${item.duration}` : ''}`, { x: 14 });
    w.line(`Quantity: ${item.quantity}    Refills: ${item.refills}`, { x: 14 });
    if (item.instructions) w.paragraph(item.instructions, { x: 14 });
    w.space(8);
  });
  w.rule();
  if (rx.notes) w.paragraph(rx.notes);
  w.space(30);
  w.line('Signature: ______________________________');
  if (rx.status === 'cancelled') {
    w.line(`Cancelled ${rx.cancelledAt ?? ''}: ${rx.cancelReason ?? ''}`, { size: 9 });
    w.stamp('CANCELLED');
  }
  return w.save();
}
