/**
 * The audit log: append-only (a trigger refuses updates and deletes) and
 * hash-chained per practice and device, so a removed or altered entry breaks the chain
 * and `verifyAuditChains` says where.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { AuditAction } from '../../shared/api/types';
import type { LocalDatabase } from './database';
import type { AuditLogTable } from './schema';
import { insertSynced } from './synced-rows';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  practiceId: string;
  userId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  patientId?: string | null;
  before?: unknown;
  after?: unknown;
}

type Chained = Omit<AuditLogTable, 'created_at' | 'updated_at' | 'deleted_at' | 'hash'>;

function entryHash(entry: Chained): string {
  const fields = [
    entry.prev_hash,
    entry.id,
    entry.practice_id,
    entry.device_id,
    entry.device_seq,
    entry.at,
    entry.user_id,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.patient_id,
    entry.before_json,
    entry.after_json,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Call inside the operation's transaction, so the entry commits with the change. */
export function appendAudit(db: LocalDatabase, event: AuditEvent): void {
  // Compiled once: every audited operation asks.
  const last = db.firstShaped(
    'audit chain head',
    () =>
      db.kysely
        .selectFrom('audit_log')
        .select(['device_seq', 'hash'])
        .where('practice_id', '=', event.practiceId)
        .where('device_id', '=', db.deviceId)
        .orderBy('device_seq', 'desc')
        .limit(1)
        .compile(),
    [event.practiceId, db.deviceId, 1],
  );
  const entry: Chained = {
    id: uuidv7(),
    practice_id: event.practiceId,
    device_id: db.deviceId,
    device_seq: (last?.device_seq ?? 0) + 1,
    at: db.isoNow(),
    user_id: event.userId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    patient_id: event.patientId ?? null,
    before_json: event.before === undefined ? null : JSON.stringify(event.before),
    after_json: event.after === undefined ? null : JSON.stringify(event.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const { id, practice_id, ...rest } = entry;
  insertSynced(db, 'audit_log', practice_id, { ...rest, hash: entryHash(entry) }, id);
}

export interface AuditFilter {
  practiceId: string;
  userId?: string | undefined;
  /** Entries of any of these patients (a survivor and the patients merged into it). */
  patientIds?: readonly string[] | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  fromUtc?: string | undefined;
  toUtc?: string | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
}

export function listAudit(db: LocalDatabase, filter: AuditFilter): AuditLogTable[] {
  let query = db.kysely.selectFrom('audit_log').selectAll().where('practice_id', '=', filter.practiceId);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.patientIds) query = query.where('patient_id', 'in', filter.patientIds);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.fromUtc) query = query.where('at', '>=', filter.fromUtc);
  if (filter.toUtc) query = query.where('at', '<', filter.toUtc);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  return db.all(query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit));
}

export interface ChainReport {
  deviceId: string;
  entries: number;
  intact: boolean;
  firstBrokenId: string | null;
}

/** Walk each device's chain in order and recompute every hash. */
export function verifyAuditChains(db: LocalDatabase, practiceId: string): ChainReport[] {
  const rows = db.all(
    db.kysely.selectFrom('audit_log').selectAll().where('practice_id', '=', practiceId).orderBy('device_id').orderBy('device_seq'),
  );
  const reports = new Map<string, ChainReport & { prev: string; seq: number }>();
  for (const row of rows) {
    let report = reports.get(row.device_id);
    if (!report) {
      report = { deviceId: row.device_id, entries: 0, intact: true, firstBrokenId: null, prev: GENESIS_HASH, seq: 0 };
      reports.set(row.device_id, report);
    }
    report.entries += 1;
    const ok = row.prev_hash === report.prev && row.device_seq === report.seq + 1 && entryHash(row) === row.hash;
    if (!ok && report.intact) {
      report.intact = false;
      report.firstBrokenId = row.id;
    }
    report.prev = row.hash;
    report.seq = row.device_seq;
  }
  return [...reports.values()].map(({ prev: _p, seq: _s, ...r }) => r);
}
