/**
 * For migration tests: a database stopped at an older migration, and rows
 * written into it the way that version's code would have (raw SQL, through
 * the capture triggers of that version).
 */
import { LocalDatabase } from '../../electron/db/database';
import { migrateTo } from '../../electron/db/migrate';

export async function openAtMigration(path: string, migration: string): Promise<LocalDatabase> {
  const db = await LocalDatabase.open(path, { migrate: false });
  await migrateTo(db.kysely as never, migration);
  db.initDevice();
  return db;
}

type Row = Record<string, string | number | null>;

/** Insert synced rows (created_at/updated_at filled in) in one transaction. */
export function insertRows(db: LocalDatabase, rows: readonly [table: string, row: Row][]): void {
  db.transaction(null, () => {
    for (const [table, row] of rows) {
      const full: Row = { created_at: 'now', updated_at: 'now', ...row };
      const columns = Object.keys(full);
      db.sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => full[c]));
    }
  });
}
