/**
 * 0014: a patient merge moves the clinical record too (ARCHITECTURE §4,
 * "uniqueness across devices": records re-pointed to the survivor).
 *
 * 0011 and 0012 froze every column of a signed consultation, its vitals,
 * diagnoses and procedures, an issued prescription and a given vaccination,
 * patient_id included, so a merge could not move them and the survivor's
 * chart missed them. What a record says stays frozen; only which of the two
 * registrations of the same patient it hangs on may change, as 0013 already
 * allows for lab results and documents. The triggers are rebuilt with
 * patient_id (and updated_at, which every synced update moves) left out of
 * the frozen columns; the rows moved are captured and audited like any.
 * Addenda are a ledger, like payments: they keep their patient and are read
 * through their consultation.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { runStatements } from './helpers';

const SIGNED_MESSAGE = 'the consultation is signed: it cannot be changed; add an addendum instead';
/** Columns a move writes. */
const MOVABLE = new Set(['patient_id', 'updated_at']);
const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

/** The stored columns of a table, as this schema has them, minus what a merge moves. */
async function frozenColumns(db: Kysely<unknown>, table: string, alsoMovable: readonly string[] = []): Promise<string[]> {
  const { rows } = await sql<{ name: string; hidden: number }>`SELECT name, hidden FROM pragma_table_xinfo(${table})`.execute(db);
  return rows.filter((r) => r.hidden === 0 && !MOVABLE.has(r.name) && !alsoMovable.includes(r.name)).map((r) => r.name);
}

export const clinicalRecordsFollowMerges: Migration = {
  async up(db: Kysely<unknown>) {
    // 0011's list, less patient_id: what signing freezes on the consultation itself.
    const consultationContent = ['visit_id', 'practitioner_id', 'protocol_id', 'chief_complaint', 'subjective', 'objective', 'assessment', 'plan', 'status', 'started_at', 'deleted_at'];
    const statements = [
      'DROP TRIGGER consultation_signed_immutable',
      `CREATE TRIGGER consultation_signed_immutable BEFORE UPDATE ON consultation
         WHEN OLD.status = 'signed' AND (${changed(consultationContent)})
         BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,
    ];
    // A signed consultation's rows: an update that does not move the patient is refused as before, and a move changes nothing else.
    for (const table of ['vital_signs', 'consultation_diagnosis', 'consultation_procedure']) {
      const signed = (row: 'NEW' | 'OLD') => `(SELECT status FROM consultation WHERE id = ${row}.consultation_id) = 'signed'`;
      statements.push(
        `DROP TRIGGER "${table}_signed_update"`,
        `CREATE TRIGGER "${table}_signed_update" BEFORE UPDATE ON "${table}"
           WHEN pd_capture() = 1 AND (${signed('OLD')} OR ${signed('NEW')})
             AND (NEW.patient_id IS OLD.patient_id OR ${changed(await frozenColumns(db, table))})
           BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,
      );
    }
    // 0012's lists, less patient_id.
    const prescriptionFixed = ['practice_id', 'visit_id', 'prescriber_id', 'prescriber_name', 'prescriber_licence', 'prescription_number', 'issued_at', 'notes', 'created_at', 'deleted_at'];
    const vaccinationFixed = [
      'practice_id', 'visit_id', 'vaccine_name', 'vaccine_type', 'manufacturer', 'lot_number', 'site', 'given_at', 'given_by',
      'given_by_name', 'expiry_date', 'next_due_on', 'notes', 'created_at',
    ];
    statements.push(
      'DROP TRIGGER prescription_issued_immutable',
      `CREATE TRIGGER prescription_issued_immutable BEFORE UPDATE ON prescription
         WHEN ${changed(prescriptionFixed)}
           OR (OLD.status = 'cancelled' AND NEW.status IS NOT 'cancelled')
           OR (OLD.status = 'cancelled' AND pd_capture() = 1 AND (${changed(['cancelled_at', 'cancelled_by', 'cancel_reason'])}))
         BEGIN SELECT RAISE(ABORT, 'prescription is issued and cannot be changed: cancel it and issue a new one'); END`,
      'DROP TRIGGER vaccination_given_immutable',
      `CREATE TRIGGER vaccination_given_immutable BEFORE UPDATE ON vaccination
         WHEN ${changed(vaccinationFixed)}
         BEGIN SELECT RAISE(ABORT, 'a recorded vaccination cannot be changed'); END`,
    );
    // Moving reaches a merged patient's rows by patient_id; procedures had only a consultation index.
    statements.push('CREATE INDEX consultation_procedure_patient ON consultation_procedure (patient_id)');
    await runStatements(db, statements);
  },
};
