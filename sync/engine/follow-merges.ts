/**
 * After changes from other devices are applied: rows that arrived for a
 * merged patient (booked on a desk that had not heard of the merge yet) move
 * to its survivor, and redirect chains are shortened, as ordinary captured
 * changes of this device. What is written depends only on the merged
 * patients' state, so every node that holds the same changes writes the
 * same values and replicas still converge (see electron/db/patient-merge.ts).
 *
 * @example
 *   applyRemoteChanges(db, page.changes); // calls followPatientMerges(db) when it wrote rows
 */
import { appendAudit } from '../../electron/db/audit-log';
import type { LocalDatabase } from '../../electron/db/database';
import { followMerges, type FollowedMerges } from '../../electron/db/patient-merge';

export function followPatientMerges(db: LocalDatabase): FollowedMerges {
  return db.transaction(null, () => {
    const followed = followMerges(db);
    for (const move of followed.moved) {
      const practiceId = db.first(db.kysely.selectFrom('patient').select('practice_id').where('id', '=', move.to))?.practice_id;
      if (!practiceId) continue;
      appendAudit(db, {
        practiceId,
        userId: null,
        action: 'update',
        entityType: move.table,
        entityId: move.id,
        patientId: move.to,
        before: { patientId: move.from },
        after: { patientId: move.to, reason: 'patient_merge' },
      });
    }
    return followed;
  });
}
