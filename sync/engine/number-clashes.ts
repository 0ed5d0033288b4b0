/**
 * Numbers two desks handed out while cut off from each other, settled when
 * their changes meet (the rules are in shared/domain/numbering.ts):
 *
 * - Booking references are unique per practice (a UNIQUE index). When a
 *   merged appointment row would take a reference another appointment
 *   holds, the appointment with the higher id moves to its next free
 *   candidate, whichever of the two is being written. The move is an
 *   ordinary captured update, so it syncs, and any device that meets the
 *   same clash computes the same reference: repeats agree.
 * - Queue numbers never block a write; the desk that handed out the losing
 *   number (the one whose outbox set it) renumbers its own visit after the
 *   highest of the series that day, so the patient standing at that desk is
 *   the one told. Every other desk shows "Number shared" until that change
 *   arrives.
 */
import { sql } from 'kysely';
import type { LocalDatabase } from '../../electron/db/database';
import { updateSynced } from '../../electron/db/synced-rows';
import { bookingRefFor, renumberQueueClashes } from '../../shared/domain/numbering';
import type { ColumnValue } from './merge-row';

type Values = Record<string, ColumnValue>;

function refHolder(db: LocalDatabase, practiceId: string, bookingRef: string, exceptId: string): string | undefined {
  return db.first(
    db.kysely
      .selectFrom('appointment')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('booking_ref', '=', bookingRef)
      .where('id', '!=', exceptId),
  )?.id;
}

/** The first candidate reference of this appointment that no other appointment holds. */
function nextFreeRef(db: LocalDatabase, practiceId: string, appointmentId: string): string {
  for (let attempt = 1; ; attempt += 1) {
    const ref = bookingRefFor(appointmentId, attempt);
    if (!refHolder(db, practiceId, ref, appointmentId)) return ref;
  }
}

/**
 * Called when writing a merged appointment row failed on a constraint.
 * Returns false if the failure was not a booking-reference clash (the row
 * then waits as before); true once the row is written with the clash settled.
 */
export function settleBookingRefClash(db: LocalDatabase, values: Values, exists: boolean): boolean {
  const { id, practice_id: practiceId, booking_ref: ref } = values;
  if (typeof id !== 'string' || typeof practiceId !== 'string' || typeof ref !== 'string') return false;
  const holder = refHolder(db, practiceId, ref, id);
  if (!holder) return false;

  if (holder > id) {
    // The holder moves; then this row takes the reference it merged to.
    db.withCapture(() => updateSynced(db, 'appointment', holder, { booking_ref: nextFreeRef(db, practiceId, holder) }));
    writeRow(db, values, exists);
    return true;
  }
  // This row moves: written under a stand-in reference, then moved by a
  // captured update, so the move is a change like any other and syncs.
  writeRow(db, { ...values, booking_ref: `~${id}` }, exists);
  db.withCapture(() => updateSynced(db, 'appointment', id, { booking_ref: nextFreeRef(db, practiceId, id) }));
  return true;
}

function writeRow(db: LocalDatabase, values: Values, exists: boolean): void {
  if (exists) {
    const { id, ...rest } = values;
    db.run(db.kysely.updateTable('appointment').set(rest as never).where('id', '=', id as string));
  } else {
    db.run(db.kysely.insertInto('appointment').values(values as never));
  }
}

/** After a page is written: renumber this desk's visits that lost a queue-number clash on the days the page touched. */
export function renumberOwnQueueClashes(db: LocalDatabase, visitIds: readonly string[]): number {
  const days = new Map<string, { practiceId: string; day: string }>();
  // In slices: a page of an initial sync can name thousands of visits, more than one statement may bind.
  for (let i = 0; i < visitIds.length; i += 500) {
    const rows = db.all(
      db.kysely
        .selectFrom('visit')
        .select(['practice_id', 'clinic_day'])
        .distinct()
        .where('id', 'in', visitIds.slice(i, i + 500))
        .where('queue_number', 'is not', null),
    );
    for (const r of rows) days.set(`${r.practice_id}|${r.clinic_day}`, { practiceId: r.practice_id, day: r.clinic_day });
  }
  let renumbered = 0;
  for (const { practiceId, day } of days.values()) {
    const numbered = db.all(
      db.kysely
        .selectFrom('visit')
        .select(['id', 'queue_series', 'queue_number', 'checked_in_at'])
        .where('practice_id', '=', practiceId)
        .where('clinic_day', '=', day)
        .where('queue_number', 'is not', null)
        .where('deleted_at', 'is', null),
    );
    const moves = renumberQueueClashes(numbered.map((v) => ({ id: v.id, day, series: v.queue_series, number: v.queue_number, checkedInAt: v.checked_in_at })));
    for (const move of moves) {
      if (!numberedHere(db, move.id)) continue;
      db.withCapture(() => updateSynced(db, 'visit', move.id, { queue_number: move.number }));
      renumbered += 1;
    }
  }
  return renumbered;
}

/** Whether this device's outbox set the visit's queue number (this desk handed it out). */
function numberedHere(db: LocalDatabase, visitId: string): boolean {
  const set = db.first(
    db.kysely
      .selectFrom('sync_log')
      .select('seq')
      .where('table_name', '=', 'visit')
      .where('row_id', '=', visitId)
      .where(sql<unknown>`json_extract(changes, '$.queue_number')`, 'is not', null)
      .limit(1),
  );
  return set !== undefined;
}
