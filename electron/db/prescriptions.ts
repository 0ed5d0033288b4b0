/**
 * Prescriptions and their items. Written once (issue) and then only
 * cancelled: migration 0012's triggers refuse any other change.
 */
import type { PrescriptionItemView, PrescriptionView } from '../../shared/api/prescribing-types';
import type { PrescriptionStatus } from '../../shared/domain/prescription-status';
import type { LocalDatabase } from './database';
import type { PrescriptionItemTable, PrescriptionTable } from './schema-prescribing';
import { insertSynced, updateSynced } from './synced-rows';

export interface NewPrescription {
  id: string;
  patientId: string;
  visitId: string | null;
  prescriberId: string;
  prescriberName: string;
  prescriberLicence: string | null;
  prescriptionNumber: string;
  issuedAt: string;
  notes: string | null;
}

export type NewPrescriptionItem = Omit<PrescriptionItemTable, 'id' | 'practice_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'prescription_id' | 'position'>;

export function prescriptionNumberTaken(db: LocalDatabase, practiceId: string, number: string): boolean {
  return (
    db.first(db.kysely.selectFrom('prescription').select('id').where('practice_id', '=', practiceId).where('prescription_number', '=', number)) !==
    undefined
  );
}

export function insertPrescription(db: LocalDatabase, practiceId: string, p: NewPrescription, items: readonly NewPrescriptionItem[]): void {
  insertSynced(
    db,
    'prescription',
    practiceId,
    {
      patient_id: p.patientId,
      visit_id: p.visitId,
      prescriber_id: p.prescriberId,
      prescriber_name: p.prescriberName,
      prescriber_licence: p.prescriberLicence,
      prescription_number: p.prescriptionNumber,
      issued_at: p.issuedAt,
      status: 'active',
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      notes: p.notes,
    },
    p.id,
  );
  items.forEach((item, position) => insertSynced(db, 'prescription_item', practiceId, { ...item, prescription_id: p.id, position }));
}

export function cancelPrescriptionRow(db: LocalDatabase, id: string, by: string, reason: string): boolean {
  return updateSynced(db, 'prescription', id, { status: 'cancelled', cancelled_at: db.isoNow(), cancelled_by: by, cancel_reason: reason });
}

export function findPrescription(db: LocalDatabase, practiceId: string, id: string): PrescriptionTable | undefined {
  return db.first(
    db.kysely.selectFrom('prescription').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

export function prescriptionRowsOf(db: LocalDatabase, practiceId: string, patientIds: readonly string[]): PrescriptionTable[] {
  if (patientIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('prescription')
      .selectAll()
      .where('patient_id', 'in', patientIds)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc'),
  );
}

function itemsOf(db: LocalDatabase, prescriptionIds: readonly string[]): PrescriptionItemTable[] {
  if (prescriptionIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('prescription_item')
      .selectAll()
      .where('prescription_id', 'in', prescriptionIds)
      .where('deleted_at', 'is', null)
      .orderBy('prescription_id')
      .orderBy('position'),
  );
}

const toItemView = (r: PrescriptionItemTable): PrescriptionItemView => ({
  id: r.id,
  medicationId: r.medication_id,
  medicationName: r.medication_name,
  strength: r.strength,
  form: r.form,
  isControlled: r.is_controlled === 1,
  schedule: r.schedule,
  dose: r.dose,
  frequency: r.frequency,
  duration: r.duration,
  quantity: r.quantity,
  refills: r.refills,
  instructions: r.instructions,
  allergyOverrideReason: r.allergy_override_reason,
});

/** Rows with their items, in the rows' order. */
export function toPrescriptionViews(db: LocalDatabase, rows: readonly PrescriptionTable[]): PrescriptionView[] {
  const items = new Map<string, PrescriptionItemView[]>();
  for (const item of itemsOf(db, rows.map((r) => r.id))) {
    const list = items.get(item.prescription_id) ?? [];
    list.push(toItemView(item));
    items.set(item.prescription_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    prescriptionNumber: r.prescription_number,
    patientId: r.patient_id,
    visitId: r.visit_id,
    prescriberId: r.prescriber_id,
    prescriberName: r.prescriber_name,
    prescriberLicence: r.prescriber_licence,
    issuedAt: r.issued_at,
    status: r.status as PrescriptionStatus,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    notes: r.notes,
    items: items.get(r.id) ?? [],
  }));
}
