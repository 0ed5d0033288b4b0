/**
 * 0016: a vaccination "entered in error" (recorded on the wrong patient, or
 * never given). Clinical rows are never deleted or rewritten, so the dose
 * stays, marked with who, when and why; the due list and the certificate
 * leave it out, the chart shows it struck through.
 *
 * The dose's facts stay frozen (0014's list, less patient_id, which a merge
 * moves). The mark may be set once — all three together, with a reason —
 * and never cleared. One exception, as for a cancelled prescription (0012):
 * two desks marking the same dose while apart each record their own
 * who/when/why; the sync engine (pd_capture() = 0) may then bring in the
 * other desk's, last writer wins, so every device ends the same.
 */
import type { Kysely, Migration } from 'kysely';
import { recreateCapture, runStatements } from './helpers';

const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
const FIXED = [
  'practice_id', 'visit_id', 'vaccine_name', 'vaccine_type', 'manufacturer', 'lot_number', 'site', 'given_at', 'given_by',
  'given_by_name', 'expiry_date', 'next_due_on', 'notes', 'created_at',
];
const MARK = ['entered_in_error_at', 'entered_in_error_by', 'entered_in_error_reason'];
const marked = (row: 'NEW' | 'OLD') => `${row}.entered_in_error_at IS NOT NULL`;
/** A mark is whole: when, who and a reason that says something. */
const wholeMark = `NEW.entered_in_error_by IS NOT NULL AND length(trim(coalesce(NEW.entered_in_error_reason, ''))) > 0`;

export const vaccinationEnteredInError: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      // With foreign keys on, SQLite accepts REFERENCES on an added column whose default is NULL.
      'ALTER TABLE vaccination ADD COLUMN entered_in_error_at TEXT',
      'ALTER TABLE vaccination ADD COLUMN entered_in_error_by TEXT REFERENCES app_user (id)',
      'ALTER TABLE vaccination ADD COLUMN entered_in_error_reason TEXT',
      'DROP TRIGGER vaccination_given_immutable',
      `CREATE TRIGGER vaccination_given_immutable BEFORE UPDATE ON vaccination
         WHEN ${changed(FIXED)}
           OR (${marked('OLD')} AND NOT ${marked('NEW')})
           OR (${marked('NEW')} AND NOT (${wholeMark}))
           OR (NOT ${marked('NEW')} AND (NEW.entered_in_error_by IS NOT NULL OR NEW.entered_in_error_reason IS NOT NULL))
           OR (${marked('OLD')} AND pd_capture() = 1 AND (${changed(MARK)}))
         BEGIN SELECT RAISE(ABORT, 'a recorded vaccination cannot be changed: only marked once as entered in error'); END`,
    ]);
    await recreateCapture(db, 'vaccination', { causal: true });
  },
};
