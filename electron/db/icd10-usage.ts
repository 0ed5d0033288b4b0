/**
 * What this practice codes most often: a count per practice and code,
 * bumped each time a diagnosis is saved with that code (issue 5's diagnosis
 * write calls recordDiagnosisCodeUse inside its own transaction). Local
 * only, a ranking hint: never synced, so each device learns from its own desk.
 */
import { sql } from 'kysely';
import type { LocalDatabase } from './database';

/** One more use of `code` (with or without the dot) by this practice. Call inside the diagnosis write's transaction. */
export function recordDiagnosisCodeUse(db: LocalDatabase, practiceId: string, code: string, at: string = db.isoNow()): void {
  const bare = code.replace('.', '').toUpperCase();
  db.run(
    db.kysely
      .insertInto('icd10_usage')
      .values({ practice_id: practiceId, code: bare, uses: 1, last_used_at: at })
      .onConflict((oc) =>
        oc.columns(['practice_id', 'code']).doUpdateSet({
          uses: sql<number>`uses + 1`,
          last_used_at: sql<string>`max(last_used_at, excluded.last_used_at)`,
        }),
      ),
  );
}

/** How often this practice used each of `codes` (bare codes); unused ones are absent. */
export function usageOf(db: LocalDatabase, practiceId: string, codes: readonly string[]): Map<string, number> {
  const uses = new Map<string, number>();
  if (codes.length === 0) return uses;
  // The codes travel as one JSON parameter, not one parameter each: a single
  // statement shape, prepared once, whatever the number of candidates.
  const rows = db.all(
    db.kysely
      .selectFrom('icd10_usage')
      .select(['code', 'uses'])
      .where('practice_id', '=', practiceId)
      .where('code', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(codes)}))`),
  );
  for (const row of rows) uses.set(row.code, row.uses);
  return uses;
}
