/**
 * The queue board's cards (migration 0007) are derived state: after any
 * sequence of desk operations and synced writes they must equal the board
 * computed from the source tables by a plain join, which this file writes
 * out independently of the migration.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { displayName } from '../../electron/db/patients';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

type SourceRow = Record<string, unknown> & Parameters<typeof displayName>[0] & { account_last: string };

/** The board from the sources, as the app computed it before 0007 (names by the app's displayName). */
function boardFromSources(db: LocalDatabase): unknown[] {
  const rows = db.sqlite
    .prepare(
      `SELECT v.practice_id, v.clinic_day, v.id AS visit_id, v.appointment_id, v.queue_series, v.queue_number, v.patient_id,
              p.kind, p.first_name, p.last_name, a.last_name AS account_last, v.practitioner_id, v.service_type_id,
              v.status, v.type, ap.start_at AS scheduled_at, v.checked_in_at, v.status_changed_at,
              (SELECT coalesce(sum(amount_minor), 0) FROM charge WHERE visit_id = v.id AND deleted_at IS NULL) AS due_minor,
              (SELECT coalesce(sum(amount_minor), 0) FROM payment WHERE visit_id = v.id) AS paid_minor
       FROM visit v JOIN patient p ON p.id = v.patient_id JOIN account a ON a.id = p.account_id
       LEFT JOIN appointment ap ON ap.id = v.appointment_id
       WHERE v.deleted_at IS NULL ORDER BY v.id`,
    )
    .all() as SourceRow[];
  return rows.map(({ kind, first_name, last_name, account_last, ...card }) => ({
    ...card,
    patient_name: displayName({ kind, first_name, last_name }, account_last),
  }));
}
const cards = (db: LocalDatabase) => db.sqlite.prepare('SELECT * FROM queue_card ORDER BY visit_id').all();

describe('queue cards', () => {
  it('equal the board computed from the sources through a day at the desk, renames, moves and synced writes', async () => {
    const rx: ReceptionPractice = await openReception(Date.parse('2026-11-25T07:45:00Z'));
    cleanups.push(() => rx.close());
    const db = rx.core.db;
    const same = () => expect(cards(db)).toEqual(boardFromSources(db));
    const book = async (patient: number, start: string) =>
      (await rx.admin.call('appointments.book', { patientId: rx.patients[patient]!, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, start })).appointmentIds[0]!;

    const first = await book(0, '2026-11-25T10:00');
    const second = await book(1, '2026-11-25T10:30');
    const later = await book(2, '2026-11-27T09:00');
    same();
    expect(cards(db)).toHaveLength(3);

    const thandi = await rx.admin.call('appointments.checkIn', { appointmentId: first });
    await rx.admin.call('visits.walkIn', { patientId: rx.patients[2]!, serviceTypeId: rx.serviceId });
    for (const to of ['CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT'] as const) await rx.admin.call('visits.move', { visitId: thandi.visitId, to });
    await rx.admin.call('payments.take', { visitId: thandi.visitId, method: 'CASH', amountMinor: 20_000 });
    same();

    // Another day, a new name for the patient and for the account holder.
    await rx.admin.call('appointments.reschedule', { appointmentId: later, start: '2026-11-26T11:00' });
    db.transaction(null, () => {
      db.sqlite.prepare("UPDATE patient SET first_name = 'Thandiwe', last_name = NULL WHERE id = ?").run(rx.patients[0]);
      db.sqlite.prepare("UPDATE account SET last_name = 'Nkosi-Dlamini' WHERE id = (SELECT account_id FROM patient WHERE id = ?)").run(rx.patients[0]);
    });
    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.find((e) => e.visitId === thandi.visitId)).toMatchObject({ patientName: 'Thandiwe Nkosi-Dlamini', paidMinor: 20_000, dueMinor: 45_000 });
    same();

    // Writes the sync engine makes (capture off): a charge removed, a visit deleted, the board follows.
    db.transaction(null, () =>
      db.withoutCapture(() => {
        db.sqlite.prepare("UPDATE charge SET deleted_at = '2026-11-25T08:00:00.000Z' WHERE visit_id = ?").run(thandi.visitId);
        db.sqlite.prepare("UPDATE visit SET deleted_at = '2026-11-25T08:00:00.000Z' WHERE appointment_id = ?").run(second);
      }),
    );
    same();
    expect(cards(db)).toHaveLength(3);
    expect((await rx.admin.call('queue.day', { day: '2026-11-25' })).entries.find((e) => e.visitId === thandi.visitId)?.dueMinor).toBe(0);
  });

  it('are built for the visits a 0006 database already holds, and the board-only indexes go', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const path = join(dir.path, 'test.sqlite');
    const old = await openAtMigration(path, '0006_causal_capture');
    const practiceId = '01900000-0000-7000-8000-000000000007';
    const p = { practice_id: practiceId };
    insertRows(old, [
      ['practice', { id: practiceId, ...p, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 0, time_zone: 'America/New_York' }],
      ['account', { id: 'a7', ...p, first_name: 'Maria', last_name: 'Gonzalez', phone_primary: '617 555 0142' }],
      ['patient', { id: 'p7', ...p, account_id: 'a7', kind: 'animal', first_name: 'Whiskers', species: 'Cat' }],
      ['service_type', { id: 's7', ...p, name: 'Consultation', duration_minutes: 15, price_minor: 6_500, colour: '#228be6', practitioner_share_bp: 6_000 }],
      ['visit', { id: 'v7', ...p, patient_id: 'p7', service_type_id: 's7', clinic_day: '2026-11-25', type: 'WALK_IN', status: 'WAITING', queue_series: 'A', queue_number: 1, checked_in_at: '2026-11-25T14:00:00.000Z', status_changed_at: '2026-11-25T14:00:00.000Z' }],
      ['charge', { id: 'c7', ...p, visit_id: 'v7', patient_id: 'p7', account_id: 'a7', description: 'Consultation', amount_minor: 6_500, practitioner_share_minor: 3_900, centre_share_minor: 2_600 }],
      ['payment', { id: 'm7', ...p, visit_id: 'v7', patient_id: 'p7', account_id: 'a7', amount_minor: 2_500, method: 'CARD', practitioner_share_minor: 1_500, centre_share_minor: 1_000, received_at: '2026-11-25T14:05:00.000Z', receipt_number: 'R-1' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    cleanups.push(() => upgraded.close());
    expect(cards(upgraded)).toEqual(boardFromSources(upgraded));
    expect(cards(upgraded)).toMatchObject([{ visit_id: 'v7', patient_name: 'Whiskers (Gonzalez)', due_minor: 6_500, paid_minor: 2_500, queue_number: 1 }]);
    const indexes = upgraded.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];
    expect(indexes).toContain('visit_day');
    expect(indexes).not.toEqual(expect.arrayContaining(['visit_board']));
    expect(indexes.filter((i) => i.endsWith('_board_names') || i === 'appointment_board_start')).toEqual([]);
    // Derived state is not synced: the upgrade and the cards wrote nothing to the outbox.
    expect(upgraded.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(outboxBefore);
    const plan = (upgraded.sqlite.prepare('EXPLAIN QUERY PLAN SELECT * FROM queue_card WHERE practice_id = ? AND clinic_day = ?').all(practiceId, '2026-11-25') as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual([expect.stringContaining('USING PRIMARY KEY (practice_id=? AND clinic_day=?)')]);
  });
});
