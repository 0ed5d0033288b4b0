/**
 * The conflict inbox (ARCHITECTURE §4): the open conflicts this user may
 * settle, side by side, and settling one — keep a version, or write one
 * clinical text over all of them. A resolution is an ordinary synced update
 * whose bases are every head of the conflict, plus an audit row, in one
 * transaction; every other device then derives the same resolved conflict.
 *
 * Who settles what: clinical free text is clinical content, so a clinician
 * (clinical.write: doctor, nurse, admin) — a manager has no clinical.read and
 * must not read medical history through the inbox; two different outcomes
 * of an appointment or visit are a desk decision (conflicts.status: manager,
 * admin).
 */
import type { z } from 'zod';
import type { ConflictCount, ConflictKind, ConflictView } from '../../shared/api/conflict-types';
import { can } from '../../shared/domain/roles';
import type { resolveConflictInput } from '../../shared/schemas/conflicts';
import { parseHlc } from '../../sync/hlc';
import { appendAudit } from '../db/audit-log';
import { countOpenConflicts, findConflict, listOpenConflicts, patientOfRow, removedAt, type ConflictRow } from '../db/conflicts';
import type { LocalDatabase } from '../db/database';
import { patientNames } from '../db/patients';
import { userNames } from '../db/staff';
import { updateSynced, type SyncedTable } from '../db/synced-rows';
import type { Actor } from './actor';
import { conflict, forbidden, notFound, validationError } from './errors';
import { t } from '../../shared/i18n';

function mayResolve(actor: Actor, kind: ConflictKind): boolean {
  return kind === 'status' ? can(actor.role, 'conflicts.status') : can(actor.role, 'clinical.write');
}

function kindsFor(actor: Actor): ConflictKind[] {
  return (['clinical-text', 'status'] as const).filter((k) => mayResolve(actor, k));
}

export function listConflicts(db: LocalDatabase, actor: Actor): ConflictView[] {
  return toViews(db, listOpenConflicts(db, actor.practiceId, kindsFor(actor)));
}

export function countConflicts(db: LocalDatabase, actor: Actor): ConflictCount {
  return { open: countOpenConflicts(db, actor.practiceId, kindsFor(actor)) };
}

export function resolveConflict(db: LocalDatabase, actor: Actor, input: z.output<typeof resolveConflictInput>): ConflictView {
  return db.transaction(actor.userId, () => {
    const found = findConflict(db, actor.practiceId, input.conflictId);
    if (!found) throw notFound('Conflict');
    if (!mayResolve(actor, found.kind)) throw forbidden(actor.role);
    if (found.state !== 'open') throw conflict('conflicts.err.resolved');

    let value: string | number | null;
    if (input.choice === 'keep') {
      const kept = found.heads.find((h) => h.hlc === input.version);
      if (!kept) throw validationError({ version: t('conflicts.err.noSuchVersion') });
      value = kept.value;
    } else {
      if (found.kind === 'status') throw validationError({ choice: t('conflicts.err.statusCombine') });
      value = input.text === '' ? null : input.text;
    }

    const bases = { [found.column_name]: found.heads.map((h) => h.hlc) };
    // A record removed since stays removed; the choice is still recorded on it, so the conflict closes everywhere.
    const written = db.withSettling(() =>
      updateSynced(db, found.table_name as SyncedTable, found.row_id, { [found.column_name]: value }, { bases, evenIfRemoved: true }),
    );
    if (!written) throw notFound('Record');
    const patientId = patientOfRow(db, found.table_name, found.row_id);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'update',
      entityType: found.table_name,
      entityId: found.row_id,
      patientId,
      before: { [found.column_name]: found.heads.map((h) => h.value) },
      after: { [found.column_name]: value, conflictId: found.id, choice: input.choice },
    });
    const settled = findConflict(db, actor.practiceId, found.id);
    if (!settled) throw new Error(`Conflict ${found.id} vanished when resolved`);
    return toViews(db, [settled])[0]!;
  });
}

function toViews(db: LocalDatabase, rows: readonly ConflictRow[]): ConflictView[] {
  const patients = new Map(rows.map((r) => [r.id, patientOfRow(db, r.table_name, r.row_id)]));
  const patientName = patientNames(db, [...new Set([...patients.values()].filter((p): p is string => p !== null))]);
  const authors = new Set(rows.flatMap((r) => [...r.heads.map((h) => h.actor), r.resolved_by]).filter((a): a is string => !!a));
  const names = userNames(db, [...authors]);
  return rows.map((r) => {
    const patientId = patients.get(r.id) ?? null;
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      table: r.table_name,
      rowId: r.row_id,
      column: r.column_name,
      patientId,
      patientName: patientId ? (patientName.get(patientId) ?? null) : null,
      versions: r.heads.map((h) => ({
        hlc: h.hlc,
        value: h.value,
        authorId: h.actor,
        authorName: h.actor ? (names.get(h.actor) ?? null) : null,
        at: new Date(parseHlc(h.hlc).wallMs).toISOString(),
        deviceId: h.device_id,
      })),
      resolvedAt: r.resolved_at,
      resolvedByName: r.resolved_by ? (names.get(r.resolved_by) ?? null) : null,
      resolvedValue: r.resolved_value === null ? null : (JSON.parse(r.resolved_value) as string | number | null),
      recordRemovedAt: removedAt(db, r.table_name, r.row_id),
    };
  });
}
