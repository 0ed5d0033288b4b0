/**
 * 0015: a signed note and an edit it never saw end the same everywhere.
 *
 * A signature now restates the note's text on the versions it was signed on
 * (electron/services/consultation.ts), so an edit another device made while
 * the note was being signed is a second version of that field: the merge
 * keeps both and raises a conflict on every node, as for any concurrent
 * clinical text. Until now the signing device refused to apply that edit
 * while the others showed it, and the devices stayed different.
 *
 * So the signed consultation's text may change in two ways only: by the
 * sync engine writing the merge (capture off), and by a clinician settling
 * such a conflict (pd_settling()). Everything else 0014 froze stays frozen,
 * and no other local write can touch the text.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const SIGNED_MESSAGE = 'the consultation is signed: it cannot be changed; add an addendum instead';
const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
const FROZEN = ['visit_id', 'practitioner_id', 'protocol_id', 'status', 'started_at', 'deleted_at'];
const TEXT = ['chief_complaint', 'subjective', 'objective', 'assessment', 'plan'];

export const signedNoteVersions: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP TRIGGER consultation_signed_immutable',
      `CREATE TRIGGER consultation_signed_immutable BEFORE UPDATE ON consultation
         WHEN OLD.status = 'signed' AND (${changed(FROZEN)} OR ((${changed(TEXT)}) AND pd_capture() = 1 AND pd_settling() = 0))
         BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,
    ]);
  },
};
