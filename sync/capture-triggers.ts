/**
 * Change capture for synced tables, as SQLite triggers generated from the
 * table's columns. Triggers (not the data layer) append to the outbox, so no
 * write path can bypass it: a connection that has not registered the
 * `pd_*` functions (see electron/db/capture-functions.ts) cannot write a
 * synced table at all. The triggers run inside the writing statement, so the
 * outbox row commits or rolls back with the change itself.
 *
 * Migrations call these with the column list as of that migration; a later
 * migration that adds columns recreates the triggers (`recreateCapture`).
 */
export interface CaptureOptions {
  /** Ledgers (audit log, later payments): inserts only, never updated or deleted. */
  appendOnly?: boolean;
  /**
   * Stamp an update after the newest version of the row this device holds
   * (its own outbox and the sync inbox, from migration 0004 on), so an edit
   * made on top of a fast-clocked device's version still wins (see
   * HybridLogicalClock.tickAfter).
   */
  causal?: boolean;
}

/** Columns the sync layer never ships: derived (generated) columns. */
export function captureTriggerSql(table: string, columns: readonly string[], options: CaptureOptions = {}): string[] {
  const q = (name: string) => `'${name}'`;
  const insertJson = `json_object(${columns.map((c) => `${q(c)}, NEW."${c}"`).join(', ')})`;
  const outbox = (op: string, changes: string, row: 'NEW' | 'OLD') =>
    `INSERT INTO sync_log (table_name, row_id, practice_id, op, changes, hlc, device_id, actor_id)
       VALUES ('${table}', ${row}.id, ${row}.practice_id, '${op}', ${changes}, pd_hlc(), pd_device(), pd_actor());`;

  const statements = [
    `CREATE TRIGGER "${table}_capture_insert" AFTER INSERT ON "${table}" WHEN pd_capture() = 1
     BEGIN ${outbox('insert', insertJson, 'NEW')} END`,
    // Synced rows are tombstoned (deleted_at), never removed: a delete would
    // destroy data another device may still be editing.
    `CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}"
     BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted; set deleted_at instead'); END`,
  ];

  if (options.appendOnly) {
    statements.push(
      `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE ON "${table}"
       BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    );
    return statements;
  }

  const changed = columns
    .filter((c) => c !== 'id')
    .map((c) => `SELECT ${q(c)} AS k, NEW."${c}" AS v WHERE OLD."${c}" IS NOT NEW."${c}"`)
    .join(' UNION ALL ');
  const stamp = options.causal
    ? `pd_hlc_after((SELECT max(h) FROM (
         SELECT max(hlc) AS h FROM sync_log WHERE table_name = '${table}' AND row_id = NEW.id
         UNION ALL SELECT max(hlc) FROM sync_inbox WHERE table_name = '${table}' AND row_id = NEW.id)))`
    : 'pd_hlc()';
  statements.push(
    `CREATE TRIGGER "${table}_capture_update" AFTER UPDATE ON "${table}" WHEN pd_capture() = 1
     BEGIN
       INSERT INTO sync_log (table_name, row_id, practice_id, op, changes, hlc, device_id, actor_id)
       SELECT '${table}', NEW.id, NEW.practice_id, 'update', json_group_object(k, v), ${stamp}, pd_device(), pd_actor()
       FROM (${changed}) HAVING count(*) > 0;
     END`,
  );
  return statements;
}

export function dropCaptureTriggerSql(table: string): string[] {
  return ['capture_insert', 'capture_update', 'no_delete', 'append_only'].map(
    (suffix) => `DROP TRIGGER IF EXISTS "${table}_${suffix}"`,
  );
}
