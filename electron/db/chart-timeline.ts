/**
 * A patient's chart timeline: everything on the chart, newest first, in one
 * statement. Each source is a branch of one UNION ALL that reads its own
 * (patient_id, occurred_at[, id]) index backwards from the cursor and stops
 * after `limit` rows, so a page costs about limit × sources index steps
 * whatever the patient's history. Keyset paging on (at, id): the page after
 * an entry is everything strictly before it in that order.
 *
 * Appointments stand for their visits (a visit booked ahead shows once, at
 * its appointment's time, with the visit's status); walk-in visits stand for
 * themselves. Consultations, prescriptions and vaccinations join once their
 * tables exist on the device (migrations 0011/0012); a dose entered in error
 * (0016) stays, with that as its status.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TimelineEntry, TimelinePage } from '../../shared/api/clinical-record-types';
import { TIMELINE_TYPES, type TimelineType } from '../../shared/clinical/timeline-types';
import type { LocalDatabase } from './database';

export interface TimelineQuery {
  types?: readonly TimelineType[] | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
}

interface Source {
  type: TimelineType;
  /** Tables the branch reads; a branch whose table is missing is left out. */
  requires: string;
  from: string;
  /** The occurred-at expression, exactly as the source's index has it. */
  at: string;
  title: string;
  detail: string;
  status: string;
  amount?: string;
  where?: string;
}

const SOURCES: readonly Source[] = [
  {
    type: 'visit', requires: 'appointment', from: 'appointment t', at: 't.start_at',
    title: `(SELECT s.name FROM service_type s WHERE s.id = t.service_type_id)`,
    detail: `(SELECT u.display_name FROM app_user u WHERE u.id = t.practitioner_id)`,
    status: `coalesce((SELECT v.status FROM visit v WHERE v.appointment_id = t.id AND v.deleted_at IS NULL LIMIT 1), t.status)`,
  },
  {
    type: 'visit', requires: 'visit', from: 'visit t', at: 'coalesce(t.checked_in_at, t.clinic_day)',
    title: `(SELECT s.name FROM service_type s WHERE s.id = t.service_type_id)`,
    detail: `(SELECT u.display_name FROM app_user u WHERE u.id = t.practitioner_id)`,
    status: 't.status', where: 't.appointment_id IS NULL',
  },
  {
    type: 'consultation', requires: 'consultation', from: 'consultation t', at: 't.started_at',
    title: `coalesce(t.chief_complaint, 'Consultation')`, detail: 't.assessment', status: 't.status',
  },
  {
    type: 'prescription', requires: 'prescription', from: 'prescription t', at: 't.issued_at',
    title: 't.prescription_number',
    detail: `(SELECT group_concat(i.medication_name, ', ') FROM prescription_item i WHERE i.prescription_id = t.id AND i.deleted_at IS NULL)`,
    status: 't.status',
  },
  {
    type: 'vaccination', requires: 'vaccination', from: 'vaccination t', at: 't.given_at',
    title: 't.vaccine_name', detail: `'Lot ' || t.lot_number`,
    status: `CASE WHEN t.entered_in_error_at IS NOT NULL THEN 'entered_in_error' END`,
  },
  {
    type: 'lab_result', requires: 'lab_result', from: 'lab_result t', at: 't.resulted_at',
    title: 't.test_name', detail: `t.value || coalesce(' ' || t.unit, '')`,
    status: `CASE WHEN t.corrects_id IS NOT NULL THEN t.flag || ' (correction)' ELSE t.flag END`,
  },
  {
    type: 'document', requires: 'document', from: 'document t', at: 't.stored_at',
    title: 't.file_name', detail: 'coalesce(t.category, t.description)',
    status: `CASE WHEN t.removed_at IS NOT NULL THEN 'removed' ELSE t.kind END`,
  },
  {
    type: 'treatment_plan', requires: 'treatment_plan', from: 'treatment_plan t', at: 't.created_at',
    title: 't.title', detail: 't.description', status: 't.status', amount: 't.estimated_cost_minor',
  },
  {
    type: 'allergy', requires: 'allergy', from: 'allergy t', at: 't.created_at',
    title: 't.allergen', detail: 't.reaction', status: 't.severity',
  },
  {
    type: 'medical_history', requires: 'medical_history', from: 'medical_history t', at: 't.created_at',
    title: 't.condition', detail: 't.notes', status: 't.status',
  },
  {
    type: 'payment', requires: 'payment', from: 'payment t', at: 't.received_at',
    title: 't.receipt_number', detail: 't.reference', status: 't.method', amount: 't.amount_minor',
  },
];

const knownTables = new WeakMap<LocalDatabase, Set<string>>();

function tablesOf(db: LocalDatabase): Set<string> {
  let tables = knownTables.get(db);
  if (!tables) {
    const rows = db.all(sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.compile(db.kysely));
    tables = new Set(rows.map((r) => r.name));
    knownTables.set(db, tables);
  }
  return tables;
}

/** The source branches this device can read now, for these types. */
export function timelineSources(db: LocalDatabase, types: readonly TimelineType[] = TIMELINE_TYPES): Source[] {
  const tables = tablesOf(db);
  return SOURCES.filter((s) => types.includes(s.type) && tables.has(s.requires));
}

/** One source's newest `limit` + 1 rows before the cursor (the one more says whether a page follows): only (source, id, at), from its index. */
function branch(source: Source, index: number, patientId: string, query: TimelineQuery): RawBuilder<unknown> {
  const at = sql.raw(source.at);
  const conditions = [sql`t.patient_id = ${patientId}`, sql`t.deleted_at IS NULL`];
  if (source.where) conditions.push(sql.raw(source.where));
  if (query.before) conditions.push(sql`${at} <= ${query.before.at}`, sql`(${at}, t.id) < (${query.before.at}, ${query.before.id})`);
  return sql`SELECT * FROM (SELECT ${sql.lit(index)} AS src, t.id AS id, ${at} AS at
    FROM ${sql.raw(source.from)} WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${at} DESC, t.id DESC LIMIT ${query.limit + 1})`;
}

/** What an entry shows, looked up by primary key for the page's rows only. */
function shown(source: Source): string {
  return `(SELECT json_array(${source.title}, ${source.detail}, ${source.status}, ${source.amount ?? 'NULL'}) FROM ${source.from} WHERE t.id = u.id)`;
}

interface Row {
  src: number;
  id: string;
  at: string;
  shown: string;
}

export function chartTimeline(db: LocalDatabase, practiceId: string, patientId: string, query: TimelineQuery): TimelinePage {
  const sources = timelineSources(db, query.types);
  if (sources.length === 0) return { entries: [], next: null };
  const union = sql.join(sources.map((s, i) => branch(s, i, patientId, query)), sql` UNION ALL `);
  const details = sql.raw(`CASE u.src ${sources.map((s, i) => `WHEN ${i} THEN ${shown(s)}`).join(' ')} END`);
  // The patient is checked against the practice once, not per branch.
  const statement = sql<Row>`SELECT u.src, u.id, u.at, ${details} AS shown FROM (
      SELECT b.src, b.id, b.at FROM (${union}) b
      WHERE EXISTS (SELECT 1 FROM patient x WHERE x.id = ${patientId} AND x.practice_id = ${practiceId})
      ORDER BY b.at DESC, b.id DESC LIMIT ${query.limit + 1}) u
    ORDER BY u.at DESC, u.id DESC`;
  const rows = db.all(statement.compile(db.kysely));
  const page = rows.slice(0, query.limit);
  const entries: TimelineEntry[] = page.map((r) => {
    const [title, detail, status, amount] = JSON.parse(r.shown) as [string | null, string | null, string | null, number | null];
    return { type: sources[r.src]!.type, id: r.id, at: r.at, title: title ?? '', detail, status, amountMinor: amount };
  });
  const last = page.at(-1);
  return { entries, next: rows.length > query.limit && last ? { at: last.at, id: last.id } : null };
}
