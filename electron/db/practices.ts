import type { PracticeInfo } from '../../shared/api/types';
import type { Species } from '../../shared/domain/species';
import type { LocalDatabase } from './database';
import type { PracticeTable } from './schema';

export function toPracticeInfo(row: PracticeTable): PracticeInfo {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    allowedSpecies: JSON.parse(row.allowed_species) as Species[],
    currency: row.currency,
    taxRateBasisPoints: row.tax_rate_bp,
    timeZone: row.time_zone,
    locale: row.locale,
  };
}

export function findPractice(db: LocalDatabase, practiceId: string): PracticeInfo | undefined {
  const row = db.first(db.kysely.selectFrom('practice').selectAll().where('id', '=', practiceId).where('deleted_at', 'is', null));
  return row ? toPracticeInfo(row) : undefined;
}

export function countPractices(db: LocalDatabase): number {
  const row = db.first(db.kysely.selectFrom('practice').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null));
  return row?.n ?? 0;
}

export function firstPracticeName(db: LocalDatabase): string | null {
  const row = db.first(db.kysely.selectFrom('practice').select('name').where('deleted_at', 'is', null).orderBy('created_at').limit(1));
  return row?.name ?? null;
}

export function firstPracticeId(db: LocalDatabase): string | null {
  const row = db.first(db.kysely.selectFrom('practice').select('id').where('deleted_at', 'is', null).orderBy('created_at').limit(1));
  return row?.id ?? null;
}

export function waitingAlertMinutes(db: LocalDatabase, practiceId: string): number {
  const row = db.firstShaped(
    'waiting alert minutes',
    () => db.kysely.selectFrom('practice').select('waiting_alert_minutes').where('id', '=', practiceId).compile(),
    [practiceId],
  );
  return row?.waiting_alert_minutes ?? 20;
}
