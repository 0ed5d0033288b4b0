/**
 * seedPractice: a realistic generated practice in an empty database — the
 * practice, an administrator, staff of every role, and N patients on their
 * accounts — deterministic for a given seed. Used by `npm run seed` and the
 * benchmark.
 */
import type { LocalDatabase } from '../../electron/db/database';
import { countPractices } from '../../electron/db/practices';
import { medicalHousehold } from './medical';
import { setUpPractice, type SeedKind, type StaffLogin } from './practice';
import { Gen } from './random';
import { vetHousehold } from './vet';
import type { Household } from './household';
import { emptyCounts, writeHousehold, type SeedCounts } from './write';

export type { SeedKind, StaffLogin, SeedCounts };

export interface SeedOptions {
  kind: SeedKind;
  patients: number;
  seed?: number;
  /** Veterinary only: a cat-only hospital. */
  felineOnly?: boolean;
  /** Password of the administrator and every staff member (≥ 10 characters). */
  password?: string;
  /** "Today" for ages and dates; defaults to the current UTC day, so fix it for byte-identical runs. */
  today?: Date;
  /** Patients per transaction. */
  batchSize?: number;
  /** Also write the audit entry per created row that registration writes (default false: ~1.8x slower). */
  audit?: boolean;
  /** Add staff of every role (default true; each costs a scrypt hash). */
  staff?: boolean;
  onProgress?: (patientsWritten: number, total: number) => void;
}

export interface SeedResult {
  practiceId: string;
  practiceName: string;
  kind: SeedKind;
  admin: StaffLogin & { password: string };
  staff: StaffLogin[];
  counts: SeedCounts;
  /** Patient ids in the order written. */
  patientIds: string[];
  syncLogRows: number;
  auditRows: number;
  seconds: number;
}

export const DEFAULT_PASSWORD = 'practice-desk-demo';

export class PracticeExistsError extends Error {
  constructor(path: string) {
    super(`${path} already holds a practice (one practice per database file). Use --force-new to start a new database, or --data to choose another folder.`);
  }
}

export async function seedPractice(db: LocalDatabase, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  if (!Number.isInteger(options.patients) || options.patients < 0) throw new Error('patients must be a whole number ≥ 0');
  if (countPractices(db) > 0) throw new PracticeExistsError(db.path);
  const felineOnly = options.kind === 'vet' && options.felineOnly === true;
  const password = options.password ?? DEFAULT_PASSWORD;
  const today = options.today ?? new Date(new Date().toISOString().slice(0, 10));
  const gen = new Gen(options.seed ?? 1, today);
  const { actor, admin, staff } = await setUpPractice(db, gen, {
    kind: options.kind,
    felineOnly,
    password,
    staff: options.staff ?? true,
  });
  const species = actor.practice.allowedSpecies;
  const next = (): Household => (options.kind === 'vet' ? vetHousehold(gen, species) : medicalHousehold(gen));

  // Bulk-load settings for this connection only (the schema and the rows are untouched):
  // a bigger page cache, and WAL checkpoints every ~80 MB instead of every 4 MB.
  const saved = { cache: db.sqlite.pragma('cache_size', { simple: true }), checkpoint: db.sqlite.pragma('wal_autocheckpoint', { simple: true }) };
  db.sqlite.pragma('cache_size = -131072');
  db.sqlite.pragma('wal_autocheckpoint = 20000');

  const counts = emptyCounts();
  const patientIds: string[] = [];
  const batchSize = options.batchSize ?? 1000;
  const audit = options.audit ?? false;
  let generated = 0;
  while (generated < options.patients) {
    const batch: Household[] = [];
    let inBatch = 0;
    while (inBatch < batchSize && generated < options.patients) {
      const household = next();
      household.members = household.members.slice(0, options.patients - generated);
      generated += household.members.length;
      inBatch += household.members.length;
      batch.push(household);
    }
    db.transaction(actor.userId, () => {
      for (const household of batch) patientIds.push(...writeHousehold(db, actor, household, audit, counts));
    });
    options.onProgress?.(generated, options.patients);
  }
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.sqlite.pragma(`cache_size = ${Number(saved.cache)}`);
  db.sqlite.pragma(`wal_autocheckpoint = ${Number(saved.checkpoint)}`);

  const count = (table: 'sync_log' | 'audit_log') =>
    db.first(db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return {
    practiceId: actor.practiceId,
    practiceName: actor.practice.name,
    kind: options.kind,
    admin: { ...admin, password },
    staff,
    counts,
    patientIds,
    syncLogRows: count('sync_log'),
    auditRows: count('audit_log'),
    seconds: (performance.now() - started) / 1000,
  };
}
