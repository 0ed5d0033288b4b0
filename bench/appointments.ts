/**
 * The reception desk on a big diary: a practice holding N appointments
 * (default 1,000,000) with their visits, charges and payments, built in bulk,
 * then three figures measured through the services the API calls:
 *
 * - the diary for one practitioner-day (diaryDay), against one plain
 *   better-sqlite3 statement fetching the same rows;
 * - the queue board for one clinic-day (queueForDay), against one plain
 *   statement reading the same cards (the board's day totals come on top),
 *   and, for comparison, the board computed from the source tables in one
 *   statement, as it was before migration 0007;
 * - an atomic booking (bookAppointment: clash check, appointment, visit,
 *   charge, audit entry and outbox capture in one transaction), against plain
 *   INSERTs of the same three rows with capture off.
 *
 * How the history is made: the practice's set-up (service types, rooms,
 * practitioners with their hours) goes through the services; the appointments
 * themselves are generated day by day in practice time and written with
 * prepared INSERTs on the real, migrated schema (every index, trigger and
 * foreign key in place), in 10,000-booking transactions, in the order they
 * were booked (each a few days to weeks ahead), so a day's rows lie spread
 * through the file as they would after years of use. The bulk rows are
 * written with capture off (`withoutCapture`, the path the sync engine uses):
 * no outbox or audit rows for the history. The measured bookings capture as usual.
 */
import { uuidv7 } from 'uuidv7';
import { ApiError } from '../shared/api/result';
import { splitShare } from '../shared/domain/money';
import { bookingRefFor } from '../shared/domain/numbering';
import { localToUtc } from '../shared/domain/practice-time';
import { addStaffInput } from '../shared/schemas/staff';
import { bookAppointmentInput, dayInput, savePractitionerInput, saveRoomInput, saveServiceTypeInput } from '../shared/schemas/reception';
import type { LocalDatabase } from '../electron/db/database';
import { findPractice } from '../electron/db/practices';
import type { Actor } from '../electron/services/actor';
import { signIn } from '../electron/services/auth';
import { bookAppointment } from '../electron/services/booking';
import { diaryDay } from '../electron/services/diary';
import { queueForDay } from '../electron/services/queue';
import { savePractitioner, saveRoom, saveServiceType } from '../electron/services/reception-setup';
import { SessionStore } from '../electron/services/sessions';
import { addStaff } from '../electron/services/staff';
import { picker, rng, summarize, timeMs, type Summary } from './stats';

const TZ = 'Africa/Johannesburg';
const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const PRACTITIONERS = 20;
const BATCH = 10_000;
/** "Today" of the generated diary (a Monday) and the desk's clock on it, 11:00 practice time. */
export const DIARY_TODAY = '2025-06-02';
const NOW_MINUTE = 11 * 60;

const SERVICES = [
  { name: 'Consultation', minutes: 15, priceMinor: 45_000, shareBp: 6_000, weight: 0.55, colour: '#228be6' },
  { name: 'Vaccination', minutes: 20, priceMinor: 38_000, shareBp: 5_000, weight: 0.2, colour: '#40c057' },
  { name: 'Follow-up examination', minutes: 30, priceMinor: 52_000, shareBp: 6_000, weight: 0.17, colour: '#fab005' },
  { name: 'Dental scale and polish', minutes: 45, priceMinor: 180_000, shareBp: 4_500, weight: 0.05, colour: '#be4bdb' },
  { name: 'Minor procedure', minutes: 60, priceMinor: 260_000, shareBp: 4_500, weight: 0.03, colour: '#fa5252' },
] as const;
/** Mon–Fri 08:00–13:00 and 14:00–17:00; Saturday 08:00–12:00 on alternate weeks (half the practitioners each Saturday). */
const WEEKDAY_HOURS = [
  [480, 780],
  [840, 1020],
] as const;
const SATURDAY_HOURS = [[480, 720]] as const;
/** Chance that a slot is left free (then 15 minutes), and the outcome mix of past bookings. */
const FREE_SLOT = 0.1;
const PAST_OUTCOME = { completed: 0.85, cancelled: 0.09, noShow: 0.06 };
const FUTURE_CANCELLED = 0.05;

type AppointmentStatus = 'CONFIRMED' | 'CHECKED_IN' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';
type VisitStatus = 'SCHEDULED' | 'WAITING' | 'CALLED' | 'IN_PROGRESS' | 'PENDING_PAYMENT' | 'COMPLETED' | 'CANCELLED';

/** One generated booking, kept as numbers until written. */
interface Gen {
  day: string;
  practitioner: number;
  service: number;
  patient: number;
  startMs: number;
  bookedMs: number;
  status: AppointmentStatus;
  visitStatus: VisitStatus;
  changedMs: number;
  source: 'PHONE' | 'ONLINE' | 'WALK_IN' | 'SYSTEM';
  checkedInMs: number;
  calledMs: number;
  startedMs: number;
  finishedMs: number;
  queueNumber: number;
  paymentMethod: 'CASH' | 'CARD' | 'BANK_TRANSFER' | 'MEDICAL_AID' | null;
  visitId: string;
}

interface FreeSlot {
  day: string;
  practitioner: number;
  startMinute: number;
}

export interface DiaryDataset {
  appointments: number;
  visits: number;
  charges: number;
  payments: number;
  practitioners: number;
  rooms: number;
  serviceTypes: number;
  firstDay: string;
  lastDay: string;
  today: string;
  years: number;
  clinicDays: number;
  /** Visits per clinic-day: Monday–Friday (all practitioners) and Saturday (half of them, mornings). */
  visitsPerWeekday: Summary;
  visitsPerSaturday: Summary;
  appointmentsPerPractitionerDay: Summary;
  appointmentStatus: Record<string, number>;
  visitStatus: Record<string, number>;
  outboxRowsWritten: number;
  auditRowsWritten: number;
  setupSeconds: number;
  bulkSeconds: number;
  rowsPerSecond: number;
}

export interface LookupResult {
  samples: number;
  /** Set when the time budget ran out before all samples were taken. */
  stoppedEarly: string | null;
  service: Summary;
  plain: Summary;
  /** service / plain at p50 and p95. */
  ratioP50: number;
  ratioP95: number;
  meanRows: number;
  rowMismatches: number;
}

export interface QueueResult extends LookupResult {
  weekdays: Summary;
  saturdays: Summary;
  /** The same board computed from the source tables in one plain statement, as before the cards (migration 0007). */
  fromSources: Summary;
}

export interface BookingBench {
  samples: number;
  service: Summary;
  plain: Summary;
  ratioP50: number;
  ratioP95: number;
  /** Bookings refused as a clash (the randomly chosen patient was booked elsewhere then): skipped, not timed. */
  refused: number;
  outboxRowsPerBooking: number;
  plainOutboxRows: number;
}

export interface DiaryBenchResult {
  dataset: DiaryDataset;
  day: LookupResult;
  queue: QueueResult;
  booking: BookingBench;
  queryPlans: { sql: string; plan: string[] }[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** The desk's set-up through the services: service types, a consulting room and hours for each of the 20 practitioners. */
async function setUpDesk(db: LocalDatabase, admin: { email: string; password: string }) {
  const sessions = new SessionStore();
  const info = await signIn(db, sessions, admin);
  const actor: Actor = {
    userId: info.user.id,
    practiceId: info.practice.id,
    role: info.role,
    practice: findPractice(db, info.practice.id)!,
    session: sessions.resume(info.token)!,
  };
  const serviceIds = SERVICES.map(
    (s) =>
      saveServiceType(
        db,
        actor,
        saveServiceTypeInput.parse({ fields: { name: s.name, durationMinutes: s.minutes, priceMinor: s.priceMinor, practitionerShareBp: s.shareBp, colour: s.colour } }),
      ).id,
  );
  const domain = admin.email.split('@')[1]!;
  const practitionerIds: string[] = [];
  const roomIds: string[] = [];
  for (let i = 0; i < PRACTITIONERS; i++) {
    const member = await addStaff(
      db,
      actor,
      addStaffInput.parse({ email: `vet${i + 1}@${domain}`, displayName: `Dr Vet ${String(i + 1).padStart(2, '0')}`, password: admin.password, role: 'doctor', licenceNumber: `D${10 + i}/1234` }),
    );
    const workingHours = [
      ...[1, 2, 3, 4, 5].flatMap((weekday) => WEEKDAY_HOURS.map(([s, e]) => ({ weekday, start: hhmm(s), end: hhmm(e) }))),
      ...SATURDAY_HOURS.map(([s, e]) => ({ weekday: 6, start: hhmm(s), end: hhmm(e) })),
    ];
    savePractitioner(db, actor, savePractitionerInput.parse({ userId: member.userId, serviceTypeIds: serviceIds, workingHours }));
    practitionerIds.push(member.userId);
    roomIds.push(saveRoom(db, actor, saveRoomInput.parse({ fields: { name: `Consulting room ${i + 1}` } })).id);
  }
  return { actor, serviceIds, practitionerIds, roomIds };
}

/** Weeks of diary that hold about `appointments` bookings at this density (expected bookings per week). */
function weeksFor(appointments: number): number {
  const meanMinutes = SERVICES.reduce((s, x) => s + x.weight * x.minutes, 0);
  const perSlot = (1 - FREE_SLOT) * meanMinutes + FREE_SLOT * 15;
  const weekdayBookings = (480 / perSlot) * (1 - FREE_SLOT);
  const saturdayBookings = (240 / perSlot) * (1 - FREE_SLOT);
  const perWeek = PRACTITIONERS * (5 * weekdayBookings) + (PRACTITIONERS / 2) * saturdayBookings;
  return Math.max(2, Math.ceil(appointments / perWeek));
}

/** Every booking of the diary, day by day in practice time, with the statuses and times its day has reached by now. */
function generate(appointments: number, patients: number, seed: number) {
  const random = rng(seed);
  const pick = picker(random);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const weights = SERVICES.map((s) => s.weight);
  const service = () => {
    let r = random();
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
    return 0;
  };
  const weeks = weeksFor(appointments);
  const futureWeeks = Math.max(1, Math.round(weeks * 0.06));
  const todayMs = dayMs(DIARY_TODAY);
  const offsetMs = todayMs - Date.parse(localToUtc(`${DIARY_TODAY}T00:00`, TZ)); // practice time − UTC (no DST in Johannesburg)
  const nowMs = todayMs - offsetMs + NOW_MINUTE * MINUTE;
  const firstMs = todayMs - (weeks - futureWeeks) * 7 * DAY_MS; // a Monday
  const rows: Gen[] = [];
  const free: FreeSlot[] = [];
  const perPractitionerDay: number[] = [];
  const perWeekday: number[] = [];
  const perSaturday: number[] = [];
  let lastDay = DIARY_TODAY;
  for (let d = 0; rows.length < appointments; d++) {
    const date = firstMs + d * DAY_MS;
    const day = dayOf(date);
    const weekday = new Date(date).getUTCDay();
    if (weekday === 0) continue;
    const week = Math.floor(d / 7);
    const localMidnightUtc = date - offsetMs;
    const dayRows: Gen[] = [];
    for (let p = 0; p < PRACTITIONERS && rows.length + dayRows.length < appointments; p++) {
      if (weekday === 6 && p % 2 !== week % 2) continue;
      const hours = weekday === 6 ? SATURDAY_HOURS : WEEKDAY_HOURS;
      let count = 0;
      for (const [from, to] of hours) {
        let minute = from;
        while (minute < to && rows.length + dayRows.length < appointments) {
          if (random() < FREE_SLOT) {
            if (minute + 15 <= to && day > DIARY_TODAY) free.push({ day, practitioner: p, startMinute: minute });
            minute += 15;
            continue;
          }
          const s = service();
          const minutes = SERVICES[s]!.minutes;
          if (minute + minutes > to) {
            if (minute + 15 <= to && day > DIARY_TODAY) free.push({ day, practitioner: p, startMinute: minute });
            break;
          }
          const startMs = localMidnightUtc + minute * MINUTE;
          // Booked 0–42 days ahead (most within a fortnight), never after "now".
          const lead = Math.floor(-Math.log(1 - random()) * 7 * DAY_MS) % (42 * DAY_MS);
          const bookedMs = Math.min(startMs - lead - int(1, 120) * MINUTE, nowMs - int(1, 600) * MINUTE);
          const r = random();
          const row: Gen = {
            day,
            practitioner: p,
            service: s,
            patient: Math.floor(random() * patients),
            startMs,
            bookedMs,
            status: 'CONFIRMED',
            visitStatus: 'SCHEDULED',
            changedMs: bookedMs,
            source: r < 0.7 ? 'PHONE' : r < 0.9 ? 'ONLINE' : r < 0.97 ? 'WALK_IN' : 'SYSTEM',
            checkedInMs: 0,
            calledMs: 0,
            startedMs: 0,
            finishedMs: 0,
            queueNumber: 0,
            paymentMethod: null,
            visitId: '',
          };
          outcome(row, minutes, nowMs, random, pick);
          dayRows.push(row);
          count++;
          minute += minutes;
        }
      }
      if (count > 0) perPractitionerDay.push(count);
    }
    // Queue numbers: one desk series, in check-in order.
    const queued = dayRows.filter((r) => r.checkedInMs > 0).sort((a, b) => a.checkedInMs - b.checkedInMs);
    queued.forEach((r, i) => (r.queueNumber = i + 1));
    if (dayRows.length > 0) {
      (weekday === 6 ? perSaturday : perWeekday).push(dayRows.length);
      lastDay = day;
    }
    rows.push(...dayRows);
  }
  // A small diary has few free slots ahead: add the empty weekdays after its last day, enough for the booking figure.
  for (let d = 1; free.length < 4000; d++) {
    const date = dayMs(lastDay) + d * DAY_MS;
    const weekday = new Date(date).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let p = 0; p < PRACTITIONERS; p++) {
      for (const [from, to] of WEEKDAY_HOURS) for (let minute = from; minute + 15 <= to; minute += 15) free.push({ day: dayOf(date), practitioner: p, startMinute: minute });
    }
  }
  return { rows, free, firstDay: dayOf(firstMs), lastDay, perPractitionerDay, perWeekday, perSaturday };
}

/** Where a booking stands at 11:00 on "today": past days are over, today is under way, later days are booked. */
function outcome(row: Gen, minutes: number, nowMs: number, random: () => number, pick: ReturnType<typeof picker>): void {
  const endMs = row.startMs + minutes * MINUTE;
  const r = random();
  const arrive = () => {
    row.checkedInMs = row.startMs - Math.floor(random() * 20) * MINUTE - 60_000;
    row.calledMs = row.startMs + Math.floor(random() * 12) * MINUTE;
    row.startedMs = row.calledMs + MINUTE;
    row.finishedMs = row.startedMs + minutes * MINUTE;
  };
  if (row.day < DIARY_TODAY || endMs + 30 * MINUTE < nowMs) {
    if (r < PAST_OUTCOME.completed) {
      arrive();
      row.status = 'COMPLETED';
      row.visitStatus = 'COMPLETED';
      row.changedMs = row.finishedMs + 3 * MINUTE;
      row.paymentMethod = pick(['CARD', 'CARD', 'CARD', 'CASH', 'BANK_TRANSFER', 'MEDICAL_AID'] as const);
    } else if (r < PAST_OUTCOME.completed + PAST_OUTCOME.cancelled) {
      row.status = 'CANCELLED';
      row.visitStatus = 'CANCELLED';
      row.changedMs = Math.max(row.bookedMs + MINUTE, row.startMs - Math.floor(random() * 3 * DAY_MS));
    } else {
      row.status = 'NO_SHOW';
      row.visitStatus = 'CANCELLED';
      row.changedMs = row.startMs + 30 * MINUTE;
    }
    return;
  }
  if (row.startMs - 30 * MINUTE < nowMs) {
    // Today, around now: in the queue at some stage.
    arrive();
    row.status = 'CHECKED_IN';
    if (row.checkedInMs > nowMs) row.checkedInMs = nowMs - MINUTE;
    const stage = row.startMs > nowMs ? 'WAITING' : row.calledMs > nowMs ? 'WAITING' : row.finishedMs > nowMs ? (r < 0.3 ? 'CALLED' : 'IN_PROGRESS') : 'PENDING_PAYMENT';
    row.visitStatus = stage;
    row.changedMs = stage === 'WAITING' ? row.checkedInMs : stage === 'PENDING_PAYMENT' ? row.finishedMs : row.calledMs;
    if (stage === 'WAITING' || stage === 'CALLED') row.startedMs = 0;
    if (stage === 'WAITING') row.calledMs = 0;
    if (stage !== 'PENDING_PAYMENT') row.finishedMs = 0;
    return;
  }
  if (r < FUTURE_CANCELLED) {
    row.status = 'CANCELLED';
    row.visitStatus = 'CANCELLED';
    row.changedMs = Math.min(nowMs - MINUTE, row.bookedMs + DAY_MS);
  }
}

const APPOINTMENT_COLS = [
  'id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', 'booking_ref', 'patient_id', 'practitioner_id', 'room_id', 'service_type_id',
  'start_at', 'end_at', 'clinic_day', 'status', 'source', 'notes', 'cancel_reason', 'override_reason', 'recurrence_id', 'recurrence_index',
  'created_by', 'status_changed_at',
];
const VISIT_COLS = [
  'id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', 'appointment_id', 'patient_id', 'practitioner_id', 'service_type_id', 'clinic_day',
  'type', 'status', 'queue_series', 'queue_number', 'checked_in_at', 'called_at', 'started_at', 'finished_at', 'status_changed_at',
];
const CHARGE_COLS = [
  'id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', 'visit_id', 'patient_id', 'account_id', 'description', 'amount_minor',
  'practitioner_id', 'practitioner_share_minor', 'centre_share_minor',
];
const PAYMENT_COLS = [
  'id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', 'visit_id', 'patient_id', 'account_id', 'amount_minor', 'method', 'reference',
  'refund_of', 'reason', 'practitioner_share_minor', 'centre_share_minor', 'received_by', 'received_at', 'receipt_number',
];
const insertSql = (table: string, cols: readonly string[]) => `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;

interface Desk {
  actor: Actor;
  serviceIds: string[];
  practitionerIds: string[];
  roomIds: string[];
  patients: { id: string; account_id: string; status: string }[];
}

/** Bulk INSERTs of the generated history, capture off, in booking order; then the payments, in the order they were taken. */
function write(db: LocalDatabase, desk: Desk, rows: Gen[]): number {
  const { actor, serviceIds, practitionerIds, roomIds, patients } = desk;
  const practiceId = actor.practiceId;
  const insertAppointment = db.sqlite.prepare(insertSql('appointment', APPOINTMENT_COLS));
  const insertVisit = db.sqlite.prepare(insertSql('visit', VISIT_COLS));
  const insertCharge = db.sqlite.prepare(insertSql('charge', CHARGE_COLS));
  const insertPayment = db.sqlite.prepare(insertSql('payment', PAYMENT_COLS));
  const refs = new Set<string>();
  const ref = (appointmentId: string) => {
    for (let attempt = 0; ; attempt++) {
      const r = bookingRefFor(appointmentId, attempt);
      if (!refs.has(r)) {
        refs.add(r);
        return r;
      }
    }
  };
  const opt = (ms: number) => (ms > 0 ? iso(ms) : null);
  const booked = [...rows].sort((a, b) => a.bookedMs - b.bookedMs);
  let written = 0;
  db.withoutCapture(() => {
    for (let i = 0; i < booked.length; i += BATCH) {
      db.sqlite.transaction(() => {
        for (const g of booked.slice(i, i + BATCH)) {
          const svc = SERVICES[g.service]!;
          const patient = patients[g.patient]!;
          const created = iso(g.bookedMs);
          const changed = iso(g.changedMs);
          const appointmentId = uuidv7();
          const cancelReason = g.status === 'CANCELLED' ? 'Owner called to cancel' : null;
          insertAppointment.run(
            appointmentId, practiceId, created, changed, null, ref(appointmentId), patient.id, practitionerIds[g.practitioner]!, roomIds[g.practitioner]!, serviceIds[g.service]!,
            iso(g.startMs), iso(g.startMs + svc.minutes * MINUTE), g.day, g.status, g.source, null, cancelReason, null, null, null, actor.userId, changed,
          );
          g.visitId = uuidv7();
          insertVisit.run(
            g.visitId, practiceId, created, changed, null, appointmentId, patient.id, practitionerIds[g.practitioner]!, serviceIds[g.service]!, g.day,
            'SCHEDULED', g.visitStatus, g.queueNumber ? 'A' : null, g.queueNumber || null, opt(g.checkedInMs), opt(g.calledMs), opt(g.startedMs), opt(g.finishedMs), changed,
          );
          const share = splitShare(svc.priceMinor, svc.shareBp);
          insertCharge.run(uuidv7(), practiceId, created, created, null, g.visitId, patient.id, patient.account_id, svc.name, svc.priceMinor, practitionerIds[g.practitioner]!, share.practitioner, share.centre);
          written += 3;
        }
      })();
    }
    const paid = rows.filter((g) => g.paymentMethod);
    let receipt = 0;
    for (let i = 0; i < paid.length; i += BATCH) {
      db.sqlite.transaction(() => {
        for (const g of paid.slice(i, i + BATCH)) {
          const svc = SERVICES[g.service]!;
          const patient = patients[g.patient]!;
          const at = iso(g.finishedMs + 2 * MINUTE);
          const share = splitShare(svc.priceMinor, svc.shareBp);
          receipt += 1;
          insertPayment.run(
            uuidv7(), practiceId, at, at, null, g.visitId, patient.id, patient.account_id, svc.priceMinor, g.paymentMethod, g.paymentMethod === 'CARD' ? `AUTH ${100000 + (receipt % 900000)}` : null,
            null, null, share.practitioner, share.centre, actor.userId, at, `RA-${String(receipt).padStart(7, '0')}`,
          );
          written += 1;
        }
      })();
    }
  });
  return written;
}

const tally = (values: string[]) => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

export async function buildDiary(db: LocalDatabase, admin: { email: string; password: string }, appointments: number, log: (m: string) => void) {
  const started = performance.now();
  const setup = await setUpDesk(db, admin);
  const patients = (
    db.sqlite.prepare('SELECT id, account_id, status FROM patient WHERE practice_id = ? AND deleted_at IS NULL ORDER BY id').all(setup.actor.practiceId) as Desk['patients']
  );
  if (patients.length === 0) throw new Error('The diary needs patients: seed some first');
  const desk: Desk = { ...setup, patients };
  const setupSeconds = (performance.now() - started) / 1000;
  const gen = generate(appointments, patients.length, 42);
  log(`generated ${gen.rows.length.toLocaleString('en')} bookings ${gen.firstDay} … ${gen.lastDay}; writing them`);

  const saved = { cache: db.sqlite.pragma('cache_size', { simple: true }), checkpoint: db.sqlite.pragma('wal_autocheckpoint', { simple: true }) };
  db.sqlite.pragma('cache_size = -1048576');
  db.sqlite.pragma('wal_autocheckpoint = 20000');
  const outboxBefore = count(db, 'sync_log');
  const auditBefore = count(db, 'audit_log');
  const bulkStarted = performance.now();
  const written = write(db, desk, gen.rows);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  db.sqlite.pragma(`cache_size = ${Number(saved.cache)}`);
  db.sqlite.pragma(`wal_autocheckpoint = ${Number(saved.checkpoint)}`);

  const dataset: DiaryDataset = {
    appointments: count(db, 'appointment'),
    visits: count(db, 'visit'),
    charges: count(db, 'charge'),
    payments: count(db, 'payment'),
    practitioners: PRACTITIONERS,
    rooms: setup.roomIds.length,
    serviceTypes: setup.serviceIds.length,
    firstDay: gen.firstDay,
    lastDay: gen.lastDay,
    today: DIARY_TODAY,
    years: Math.round(((dayMs(gen.lastDay) - dayMs(gen.firstDay)) / (365.25 * DAY_MS)) * 10) / 10,
    clinicDays: gen.perWeekday.length + gen.perSaturday.length,
    visitsPerWeekday: summarize(gen.perWeekday),
    visitsPerSaturday: summarize(gen.perSaturday),
    appointmentsPerPractitionerDay: summarize(gen.perPractitionerDay),
    appointmentStatus: tally(gen.rows.map((r) => r.status)),
    visitStatus: tally(gen.rows.map((r) => r.visitStatus)),
    outboxRowsWritten: count(db, 'sync_log') - outboxBefore,
    auditRowsWritten: count(db, 'audit_log') - auditBefore,
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    bulkSeconds: Math.round(bulkSeconds * 10) / 10,
    rowsPerSecond: Math.round(written / bulkSeconds),
  };
  return { desk, dataset, free: gen.free, rows: gen.rows };
}

const count = (db: LocalDatabase, table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** The outbox's last sequence number: rows appended since = difference (the outbox only grows during the bench; count(*) would walk it). */
const outboxSeq = (db: LocalDatabase) => (db.sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_log').get() as { n: number }).n;

/** The diary's rows for one practitioner-day, as one hand-written statement (same joins, same columns). */
const PLAIN_DAY = `
  SELECT ap.id, ap.booking_ref, ap.patient_id, p.kind, p.first_name, p.last_name, a.first_name AS account_first, a.last_name AS account_last,
         a.phone_primary, ap.practitioner_id, u.display_name AS practitioner_name, ap.room_id, r.name AS room_name, ap.service_type_id,
         st.name AS service_name, st.colour, ap.start_at, ap.end_at, ap.status, ap.source, ap.notes, ap.override_reason, ap.cancel_reason,
         ap.recurrence_id, ap.recurrence_index, v.id AS visit_id, v.status AS visit_status
  FROM appointment ap
  JOIN patient p ON p.id = ap.patient_id
  JOIN account a ON a.id = p.account_id
  JOIN app_user u ON u.id = ap.practitioner_id
  JOIN service_type st ON st.id = ap.service_type_id
  LEFT JOIN room r ON r.id = ap.room_id
  LEFT JOIN visit v ON v.appointment_id = ap.id AND v.deleted_at IS NULL
  WHERE ap.practice_id = ? AND ap.clinic_day = ? AND ap.practitioner_id = ? AND ap.deleted_at IS NULL
  ORDER BY ap.start_at`;

/** The queue board's cards for one clinic-day, as one hand-written statement: the baseline. */
const PLAIN_QUEUE = `SELECT * FROM queue_card WHERE practice_id = ? AND clinic_day = ? ORDER BY checked_in_at, queue_number, scheduled_at`;

/** The board's rows computed from the source tables, as the board did before migration 0007: reported alongside. */
const QUEUE_FROM_SOURCES = `
  SELECT v.id, v.appointment_id, v.queue_series, v.queue_number, v.patient_id, p.kind, p.first_name, p.last_name, a.last_name AS account_last,
         v.practitioner_id, u.display_name AS practitioner_name, st.name AS service_name, v.status, v.type, ap.start_at AS scheduled_at,
         v.checked_in_at, v.status_changed_at,
         (SELECT coalesce(sum(c.amount_minor), 0) FROM charge c WHERE c.visit_id = v.id AND c.deleted_at IS NULL) AS due,
         (SELECT coalesce(sum(pm.amount_minor), 0) FROM payment pm WHERE pm.visit_id = v.id) AS paid
  FROM visit v
  JOIN patient p ON p.id = v.patient_id
  JOIN account a ON a.id = p.account_id
  JOIN service_type st ON st.id = v.service_type_id
  LEFT JOIN app_user u ON u.id = v.practitioner_id
  LEFT JOIN appointment ap ON ap.id = v.appointment_id
  WHERE v.practice_id = ? AND v.clinic_day = ? AND v.deleted_at IS NULL
  ORDER BY v.checked_in_at, v.queue_number, ap.start_at`;

/**
 * Each sample runs both ways, alternating which goes first, so both see the
 * same cache and the same machine; stops early once `budgetMs` is spent (a
 * slow query would otherwise push the run past its time limit).
 */
function lockstep(samples: number, service: (i: number) => number, plain: (i: number) => number, budgetMs = Infinity) {
  const a: number[] = [];
  const b: number[] = [];
  let mismatches = 0;
  let rows = 0;
  const started = performance.now();
  for (let i = 0; i < samples; i++) {
    if (performance.now() - started > budgetMs) break;
    const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    const n: Record<string, number> = {};
    for (const who of order) {
      const [count, ms] = timeMs(() => (who === 'a' ? service(i) : plain(i)));
      (who === 'a' ? a : b).push(ms);
      n[who] = count;
    }
    if (n.a !== n.b) mismatches++;
    rows += n.a!;
  }
  return { a, b, mismatches, meanRows: Math.round((rows / Math.max(1, a.length)) * 10) / 10, asked: samples, budgetMs };
}

function lookupResult(run: ReturnType<typeof lockstep>): LookupResult {
  const service = summarize(run.a);
  const plain = summarize(run.b);
  return {
    samples: run.a.length,
    stoppedEarly: run.a.length < run.asked ? `after ${run.a.length} of ${run.asked} samples: the ${run.budgetMs / 1000} s budget ran out` : null,
    service,
    plain,
    ratioP50: round3(service.p50 / plain.p50),
    ratioP95: round3(service.p95 / plain.p95),
    meanRows: run.meanRows,
    rowMismatches: run.mismatches,
  };
}

export function benchDay(db: LocalDatabase, desk: Desk, rows: Gen[], samples = 2000, budgetMs = 45_000): LookupResult {
  const random = rng(17);
  const days = [...new Set(rows.map((r) => `${r.practitioner}|${r.day}`))];
  const pick = picker(random);
  const inputs = (n: number) =>
    Array.from({ length: n }, () => {
      const [p, day] = pick(days).split('|') as [string, string];
      return { day, practitionerId: desk.practitionerIds[Number(p)]! };
    });
  const plain = db.sqlite.prepare(PLAIN_DAY);
  const run = (n: number, budget: number) => {
    const asked = inputs(n).map((input) => ({ input, parsed: dayInput.parse(input) }));
    return lockstep(
      n,
      (i) => diaryDay(db, desk.actor, asked[i]!.parsed).length,
      (i) => plain.all(desk.actor.practiceId, asked[i]!.input.day, asked[i]!.input.practitionerId).length,
      budget,
    );
  };
  run(100, 10_000); // warm-up
  return lookupResult(run(samples, budgetMs));
}

export function benchQueue(db: LocalDatabase, desk: Desk, rows: Gen[], samples = 1000, budgetMs = 30_000): QueueResult {
  const random = rng(23);
  const pick = picker(random);
  const days = [...new Set(rows.map((r) => r.day))];
  const plain = db.sqlite.prepare(PLAIN_QUEUE);
  const warm = Array.from({ length: 100 }, () => pick(days));
  lockstep(warm.length, (i) => queueForDay(db, desk.actor, warm[i]!).entries.length, (i) => plain.all(desk.actor.practiceId, warm[i]!).length, 10_000);
  const asked = Array.from({ length: samples }, (_, i) => (i === 0 ? DIARY_TODAY : pick(days)));
  const run = lockstep(samples, (i) => queueForDay(db, desk.actor, asked[i]!).entries.length, (i) => plain.all(desk.actor.practiceId, asked[i]!).length, budgetMs);
  const saturday = asked.map((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6);
  const fromSources = db.sqlite.prepare(QUEUE_FROM_SOURCES);
  const sourceTimes = asked.slice(0, Math.min(300, asked.length)).map((day) => timeMs(() => fromSources.all(desk.actor.practiceId, day))[1]);
  return {
    ...lookupResult(run),
    weekdays: summarize(run.a.filter((_, i) => !saturday[i])),
    saturdays: summarize(run.a.filter((_, i) => saturday[i])),
    fromSources: summarize(sourceTimes),
  };
}

/** Bookings into free slots of future days, through bookAppointment, against plain INSERTs of the same three rows with capture off. */
export function benchBooking(db: LocalDatabase, desk: Desk, free: FreeSlot[], samples = 600): BookingBench {
  const random = rng(31);
  const { actor, serviceIds, practitionerIds, roomIds } = desk;
  const bookable = desk.patients.filter((p) => p.status !== 'deceased');
  // Shuffle the free slots; book the 15-minute consultation into each.
  const slots = [...free];
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  const svc = SERVICES[0];
  const share = splitShare(svc.priceMinor, svc.shareBp);
  const insertAppointment = db.sqlite.prepare(insertSql('appointment', APPOINTMENT_COLS));
  const insertVisit = db.sqlite.prepare(insertSql('visit', VISIT_COLS));
  const insertCharge = db.sqlite.prepare(insertSql('charge', CHARGE_COLS));
  const offsetMs = dayMs(DIARY_TODAY) - Date.parse(localToUtc(`${DIARY_TODAY}T00:00`, TZ));
  let next = 0;
  let refused = 0;
  const take = () => {
    const slot = slots[next++];
    if (!slot) throw new Error('Ran out of free slots to book into: build a bigger diary');
    return slot;
  };
  const viaService = (): number | null => {
    const slot = take();
    const patient = bookable[Math.floor(random() * bookable.length)]!;
    const input = bookAppointmentInput.parse({
      patientId: patient.id,
      practitionerId: practitionerIds[slot.practitioner]!,
      serviceTypeId: serviceIds[0]!,
      roomId: roomIds[slot.practitioner]!,
      start: `${slot.day}T${hhmm(slot.startMinute)}`,
      source: 'PHONE',
    });
    try {
      return timeMs(() => bookAppointment(db, actor, input))[1];
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'conflict') {
        refused++;
        return null;
      }
      throw error;
    }
  };
  const viaPlain = (): number => {
    const slot = take();
    const patient = bookable[Math.floor(random() * bookable.length)]!;
    const startMs = dayMs(slot.day) - offsetMs + slot.startMinute * MINUTE;
    return timeMs(() =>
      db.withoutCapture(() =>
        db.sqlite.transaction(() => {
          const now = new Date().toISOString();
          const appointmentId = uuidv7();
          const visitId = uuidv7();
          const practitionerId = practitionerIds[slot.practitioner]!;
          insertAppointment.run(
            appointmentId, actor.practiceId, now, now, null, bookingRefFor(appointmentId), patient.id, practitionerId, roomIds[slot.practitioner]!, serviceIds[0]!,
            iso(startMs), iso(startMs + svc.minutes * MINUTE), slot.day, 'CONFIRMED', 'PHONE', null, null, null, null, null, actor.userId, now,
          );
          insertVisit.run(visitId, actor.practiceId, now, now, null, appointmentId, patient.id, practitionerId, serviceIds[0]!, slot.day, 'SCHEDULED', 'SCHEDULED', null, null, null, null, null, null, now);
          insertCharge.run(uuidv7(), actor.practiceId, now, now, null, visitId, patient.id, patient.account_id, svc.name, svc.priceMinor, practitionerId, share.practitioner, share.centre);
        })(),
      ),
    )[1];
  };
  for (let i = 0; i < 50; i++) {
    viaService();
    viaPlain();
  }
  const outboxBefore = outboxSeq(db);
  const a: number[] = [];
  const b: number[] = [];
  let plainOutbox = 0;
  for (let i = 0; i < samples; i++) {
    for (const who of i % 2 === 0 ? ['a', 'b'] : ['b', 'a']) {
      if (who === 'a') {
        const ms = viaService();
        if (ms !== null) a.push(ms);
      } else {
        const before = outboxSeq(db);
        b.push(viaPlain());
        plainOutbox += outboxSeq(db) - before;
      }
    }
  }
  const service = summarize(a);
  const plain = summarize(b);
  return {
    samples: a.length,
    service,
    plain,
    ratioP50: round3(service.p50 / plain.p50),
    ratioP95: round3(service.p95 / plain.p95),
    refused,
    outboxRowsPerBooking: round3((outboxSeq(db) - outboxBefore - plainOutbox) / Math.max(1, a.length)),
    plainOutboxRows: plainOutbox,
  };
}

/** EXPLAIN QUERY PLAN of every SELECT on the diary's tables the figures ran (the LocalDatabase statement cache). */
export function diaryQueryPlans(db: LocalDatabase): { sql: string; plan: string[] }[] {
  const cache = (db as unknown as { statements: Map<string, unknown> }).statements;
  const byShape = new Map<string, string>();
  for (const sql of cache.keys()) byShape.set(sql.replace(/\(\?(, \?)+\)/g, '(?, …)'), sql);
  const plans = [...byShape.values()]
    .filter((sql) => /^\s*select/i.test(sql) && /"(appointment|visit|charge|payment)"/.test(sql))
    .map((sql) => {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return { sql: sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)+\)/g, '(?, …)'), plan: rows.map((r) => r.detail) };
    });
  for (const [name, sql] of [['plain day statement', PLAIN_DAY], ['plain queue statement', PLAIN_QUEUE], ['queue from the source tables', QUEUE_FROM_SOURCES]] as const) {
    const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(null, null, ...(name === 'plain day statement' ? [null] : [])) as { detail: string }[];
    plans.push({ sql: `(${name}) ${sql.replace(/\s+/g, ' ').trim()}`, plan: rows.map((r) => r.detail) });
  }
  return plans;
}

export async function benchDiary(db: LocalDatabase, admin: { email: string; password: string }, appointments: number, log: (m: string) => void): Promise<DiaryBenchResult> {
  const { desk, dataset, free, rows } = await buildDiary(db, admin, appointments, log);
  log(
    `diary built in ${(dataset.setupSeconds + dataset.bulkSeconds).toFixed(1)} s: ${dataset.appointments.toLocaleString('en')} appointments, ${dataset.visits.toLocaleString('en')} visits, ` +
      `${dataset.charges.toLocaleString('en')} charges, ${dataset.payments.toLocaleString('en')} payments, ${dataset.firstDay} … ${dataset.lastDay}`,
  );
  log('diary day view');
  const day = benchDay(db, desk, rows);
  log('queue board');
  const queue = benchQueue(db, desk, rows);
  log('booking');
  const booking = benchBooking(db, desk, free);
  return { dataset, day, queue, booking, queryPlans: diaryQueryPlans(db) };
}
