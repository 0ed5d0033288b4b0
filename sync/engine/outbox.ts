/**
 * The outbox (sync_log) seen from the push side: what is waiting, shaped as
 * the hub's push payload; acknowledging by local sequence (never by row id,
 * so an edit made while its row is being pushed is still pushed); and
 * quarantining a poison entry so it never blocks the ones behind it.
 *
 * @example
 *   const batch = entriesToPush(db);            // PushEntry[] in seq order
 *   const ack = await push(batch);              // the transport, later
 *   if (ack.acknowledged_through !== null) acknowledgeThrough(db, ack.acknowledged_through);
 */
import type { LocalDatabase } from '../../electron/db/database';
import { parseHlc } from '../hlc';
import { MAX_PUSH_BATCH, type PushEntry } from '../hub/contract';
import { advanceCounter, readCounter } from './meta';

/** Entries after the last acknowledged one, skipping quarantined ones, oldest first. */
export function entriesToPush(db: LocalDatabase, limit: number = MAX_PUSH_BATCH): PushEntry[] {
  const batch = Math.max(1, Math.min(limit, MAX_PUSH_BATCH));
  const rows = db.all(
    db.kysely
      .selectFrom('sync_log')
      .selectAll()
      .where('seq', '>', readCounter(db, 'pushed_through'))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('sync_quarantine as q').select('q.seq').whereRef('q.seq', '=', 'sync_log.seq'))),
      )
      .orderBy('seq')
      .limit(batch),
  );
  return rows.map((r) => ({
    practice_id: r.practice_id,
    table_name: r.table_name,
    row_id: r.row_id,
    op: r.op,
    changes: JSON.parse(r.changes) as Record<string, unknown>,
    hlc: r.hlc,
    device_id: r.device_id,
    device_seq: r.seq,
    actor: r.actor_id,
    // Only entries that recorded any (older hubs and peers never see the key).
    ...(r.bases === null ? {} : { bases: JSON.parse(r.bases) as Record<string, string[]> }),
  }));
}

/** Everything up to `seq` reached the hub. Never moves backwards; returns where it stands now. */
export function acknowledgeThrough(db: LocalDatabase, seq: number): number {
  const last = db.first(db.kysely.selectFrom('sync_log').select('seq').orderBy('seq', 'desc').limit(1))?.seq ?? 0;
  // Acknowledging beyond the outbox would silently skip entries not written yet.
  if (seq > last) throw new Error(`Cannot acknowledge outbox entry ${seq}: the outbox ends at ${last}`);
  return advanceCounter(db, 'pushed_through', seq);
}

/** Set an entry aside for good (the hub refuses it): pushes skip it, the status reports it. */
export function quarantine(db: LocalDatabase, seq: number, reason: string): void {
  const exists = db.first(db.kysely.selectFrom('sync_log').select('seq').where('seq', '=', seq));
  if (!exists) throw new Error(`No outbox entry ${seq} to quarantine`);
  db.run(
    db.kysely
      .insertInto('sync_quarantine')
      .values({ seq, reason, quarantined_at: db.isoNow() })
      .onConflict((oc) => oc.column('seq').doUpdateSet({ reason })),
  );
}

export interface OutboxStatus {
  /** Entries not yet acknowledged and not quarantined. */
  waiting: number;
  /** When the oldest of them was written (its HLC's wall time), or null. */
  oldestWaitingAt: string | null;
  quarantined: number;
  pushedThrough: number;
}

export function outboxStatus(db: LocalDatabase): OutboxStatus {
  const pushedThrough = readCounter(db, 'pushed_through');
  const waiting = db.kysely
    .selectFrom('sync_log')
    .where('seq', '>', pushedThrough)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('sync_quarantine as q').select('q.seq').whereRef('q.seq', '=', 'sync_log.seq'))),
    );
  const count = db.first(waiting.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const oldest = db.first(waiting.select('hlc').orderBy('seq').limit(1));
  const quarantined = db.first(db.kysely.selectFrom('sync_quarantine').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return {
    waiting: count,
    oldestWaitingAt: oldest ? new Date(parseHlc(oldest.hlc).wallMs).toISOString() : null,
    quarantined,
    pushedThrough,
  };
}
