/**
 * The device database: one better-sqlite3 connection (WAL, foreign keys on),
 * Kysely as the query builder, and synchronous execution of the compiled
 * queries through a cache of prepared statements. Transactions are therefore
 * synchronous and short, as better-sqlite3 wants them: nothing can await the
 * network inside one.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable, type CompiledQuery } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { HybridLogicalClock, parseHlc } from '../../sync/hlc';
import type { DB } from './schema';
import { migrateToLatest } from './migrate';

export interface OpenOptions {
  /** Skip migrations (tests of migrations drive them themselves). */
  migrate?: boolean;
  now?: () => number;
  slowQueryMs?: number;
}

type Param = string | number | bigint | Buffer | null;
const STATEMENT_CACHE_LIMIT = 500;
/**
 * Checkpoints (copying the WAL into the database file) run when the desk is
 * idle, a second after the first write since the last one, rather than
 * inside whichever user commit crossed SQLite's default 1000-page mark: that
 * commit paid for everyone's writes (bench: booking p95 4× its p50). The
 * WAL is still bounded: past ~8 MB with no idle second (an initial sync, a
 * bulk import) a commit checkpoints as before. Not much more: pages in the
 * WAL are read with read() rather than through the memory map, and a 40 MB
 * bound made searches right after a bulk write slower (bench).
 */
const IDLE_CHECKPOINT_MS = 1_000;
const CHECKPOINT_BOUND_PAGES = 2_000;

export class LocalDatabase {
  readonly kysely: Kysely<DB>;
  readonly sqlite: BetterSqlite3.Database;
  readonly now: () => number;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly shapes = new Map<string, string>();
  private idleCheckpoint: ReturnType<typeof setTimeout> | null = null;
  /** Statements that return rows as arrays (rowsShaped): separate, since raw() changes a statement for every caller. */
  private readonly rawStatements = new Map<string, BetterSqlite3.Statement>();
  private actorId: string | null = null;
  private capturing = 1;
  private settling = 0;
  private deviceIdValue = '';
  private clockValue: HybridLogicalClock | null = null;

  private constructor(readonly path: string, private readonly options: OpenOptions) {
    this.now = options.now ?? Date.now;
    this.sqlite = new BetterSqlite3(path);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = NORMAL');
    this.sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_BOUND_PAGES}`);
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma('busy_timeout = 5000');
    this.sqlite.pragma('temp_store = MEMORY');
    // Read pages through a memory map rather than a read() per page: the queue
    // board and diary touch hundreds of scattered pages of a multi-GB file
    // (bench: queue board p50 10.7 → 5.8 ms at 1M appointments). SQLite caps
    // it at its compiled maximum (2 GB); writes still go through the WAL.
    this.sqlite.pragma('mmap_size = 2147418112');
    // The capture triggers call these; a connection without them cannot write synced tables.
    this.sqlite.function('pd_hlc', { deterministic: false }, () => this.clock.tick());
    this.sqlite.function('pd_hlc_after', { deterministic: false }, (newest: unknown) =>
      this.clock.tickAfter(typeof newest === 'string' ? newest : null),
    );
    this.sqlite.function('pd_device', { deterministic: false }, () => this.deviceIdValue);
    this.sqlite.function('pd_actor', { deterministic: false }, () => this.actorId);
    this.sqlite.function('pd_capture', { deterministic: false }, () => this.capturing);
    this.sqlite.function('pd_settling', { deterministic: false }, () => this.settling);
    this.kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: this.sqlite }) });
  }

  static async open(path: string, options: OpenOptions = {}): Promise<LocalDatabase> {
    const db = new LocalDatabase(path, options);
    try {
      if (options.migrate !== false) {
        await migrateToLatest(db.kysely as Kysely<unknown>);
        db.initDevice();
      }
    } catch (error) {
      db.sqlite.close();
      throw error;
    }
    return db;
  }

  /** Give the device its id (once) and restore the clock from the outbox. */
  initDevice(): void {
    let device = this.first(this.kysely.selectFrom('device').select('id'));
    if (!device) {
      device = { id: uuidv7() };
      this.run(this.kysely.insertInto('device').values({ id: device.id, created_at: new Date(this.now()).toISOString() }));
    }
    this.deviceIdValue = device.id;
    const last = this.first(this.kysely.selectFrom('sync_log').select('hlc').orderBy('seq', 'desc').limit(1));
    const state = last ? parseHlc(last.hlc) : undefined;
    this.clockValue = new HybridLogicalClock(device.id, this.now, state);
  }

  get deviceId(): string {
    return this.deviceIdValue;
  }

  get clock(): HybridLogicalClock {
    if (!this.clockValue) throw new Error('Device not initialised: open the database with migrations first');
    return this.clockValue;
  }

  /** Now, as the UTC ISO-8601 text every timestamp column holds. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  all<R>(query: Compilable<R> | CompiledQuery<R>): R[] {
    const compiled = 'compile' in query ? query.compile() : query;
    const statement = this.prepare(compiled.sql);
    const params = bindable(compiled.parameters);
    return this.timed(compiled.sql, () =>
      statement.reader ? (statement.all(...params) as R[]) : (statement.run(...params), []),
    );
  }

  first<R>(query: Compilable<R> | CompiledQuery<R>): R | undefined {
    const compiled = 'compile' in query ? query.compile() : query;
    const statement = this.prepare(compiled.sql);
    return this.timed(compiled.sql, () => statement.get(...bindable(compiled.parameters)) as R | undefined);
  }

  run(query: Compilable<unknown> | CompiledQuery<unknown>): number {
    const compiled = 'compile' in query ? query.compile() : query;
    const statement = this.prepare(compiled.sql);
    return this.timed(compiled.sql, () => statement.run(...bindable(compiled.parameters)).changes);
  }

  /**
   * A write whose SQL depends only on its shape (table and column names):
   * Kysely compiles each shape once, later calls bind new values to the
   * cached statement. On first compile the parameters the caller lined up
   * are checked against Kysely's own, so a wrong order fails loudly.
   */
  runShaped(shape: string, compile: () => CompiledQuery<unknown>, parameters: readonly unknown[]): number {
    const sqlText = this.shapedSql(shape, compile, parameters);
    const statement = this.prepare(sqlText);
    const params = bindable(parameters);
    return this.timed(sqlText, () => statement.run(...params).changes);
  }

  /** A read on a hot path, compiled once per shape like runShaped. */
  firstShaped<R>(shape: string, compile: () => CompiledQuery<R>, parameters: readonly unknown[]): R | undefined {
    const sqlText = this.shapedSql(shape, compile, parameters);
    const statement = this.prepare(sqlText);
    const params = bindable(parameters);
    return this.timed(sqlText, () => statement.get(...params) as R | undefined);
  }

  /** A hot read of many rows, compiled once per shape like runShaped. */
  allShaped<R>(shape: string, compile: () => CompiledQuery<R>, parameters: readonly unknown[]): R[] {
    const sqlText = this.shapedSql(shape, compile, parameters);
    const statement = this.prepare(sqlText);
    const params = bindable(parameters);
    return this.timed(sqlText, () => statement.all(...params) as R[]);
  }

  /**
   * allShaped with each row as an array of its selected columns in order:
   * for a few hundred rows read on every refresh (the queue board), where
   * building one object per row costs as much as the read itself.
   */
  rowsShaped(shape: string, compile: () => CompiledQuery<unknown>, parameters: readonly unknown[]): unknown[][] {
    const sqlText = this.shapedSql(shape, compile, parameters);
    let statement = this.rawStatements.get(sqlText);
    if (!statement) this.rawStatements.set(sqlText, (statement = this.sqlite.prepare(sqlText).raw(true)));
    const params = bindable(parameters);
    return this.timed(sqlText, () => statement.all(...params) as unknown[][]);
  }

  private shapedSql(shape: string, compile: () => CompiledQuery<unknown>, parameters: readonly unknown[]): string {
    let sqlText = this.shapes.get(shape);
    if (sqlText === undefined) {
      const compiled = compile();
      if (JSON.stringify(bindable(compiled.parameters)) !== JSON.stringify(bindable(parameters))) {
        throw new Error(`Parameters for ${shape} do not match the compiled query`);
      }
      sqlText = compiled.sql;
      this.shapes.set(shape, sqlText);
    }
    return sqlText;
  }

  /**
   * One user operation = one transaction, its outbox rows (written by the
   * capture triggers) and audit rows included. Throwing rolls all of it back.
   */
  transaction<T>(actorId: string | null, fn: () => T): T {
    const outer = this.actorId;
    this.actorId = actorId;
    try {
      const result = this.sqlite.transaction(fn)();
      if (!this.sqlite.inTransaction) this.checkpointWhenIdle();
      return result;
    } finally {
      this.actorId = outer;
    }
  }

  private checkpointWhenIdle(): void {
    if (this.idleCheckpoint) return;
    this.idleCheckpoint = setTimeout(() => {
      this.idleCheckpoint = null;
      try {
        // PASSIVE: never waits for readers; what it cannot copy now goes at the next one.
        if (this.sqlite.open && !this.sqlite.inTransaction) this.sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        console.warn('[db] idle checkpoint failed:', (error as Error).message);
      }
    }, IDLE_CHECKPOINT_MS);
    this.idleCheckpoint.unref();
  }

  /** For the sync engine applying remote changes: write without re-capturing them. */
  withoutCapture<T>(fn: () => T): T {
    this.capturing = 0;
    try {
      return fn();
    } finally {
      this.capturing = 1;
    }
  }

  /** Whether writes now append to the outbox (false inside withoutCapture). */
  isCapturing(): boolean {
    return this.capturing === 1;
  }

  /**
   * A clinician settling a conflict (electron/services/conflicts.ts): the
   * one local write a signed note's text accepts, choosing between versions
   * that reached it concurrently with its signing (migration 0015).
   */
  withSettling<T>(fn: () => T): T {
    const was = this.settling;
    this.settling = 1;
    try {
      return fn();
    } finally {
      this.settling = was;
    }
  }

  /**
   * Inside withoutCapture: a write the sync engine decides on its own while
   * applying (renumbering a clash), captured so that it syncs like any change.
   */
  withCapture<T>(fn: () => T): T {
    const was = this.capturing;
    this.capturing = 1;
    try {
      return fn();
    } finally {
      this.capturing = was;
    }
  }

  close(): void {
    if (this.idleCheckpoint) clearTimeout(this.idleCheckpoint);
    this.idleCheckpoint = null;
    this.statements.clear();
    this.rawStatements.clear();
    this.sqlite.close();
  }

  private prepare(sqlText: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sqlText);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }

  private timed<T>(sqlText: string, fn: () => T): T {
    const limit = this.options.slowQueryMs;
    if (limit === undefined) return fn();
    const started = performance.now();
    const result = fn();
    const took = performance.now() - started;
    if (took > limit) console.warn(`[db] slow query ${took.toFixed(1)} ms: ${sqlText.slice(0, 200)}`);
    return result;
  }
}

function bindable(parameters: readonly unknown[]): Param[] {
  return parameters.map((p) => {
    if (p === undefined) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    return p as Param;
  });
}
