/**
 * npm run seed -- --kind vet|medical --patients N [--data DIR] [--seed S]
 *                 [--feline-only] [--password P] [--force-new] [--audit]
 *
 * Fills the app's database (DIR/practice-desk.sqlite, DIR defaulting to
 * ./data, the file `npm start` opens) with a generated demo practice.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../electron/core/core';
import { LocalDatabase } from '../electron/db/database';
import { countPractices } from '../electron/db/practices';
import { DEFAULT_PASSWORD, seedPractice, type SeedKind } from './seed/index';

const USAGE = `Usage: npm run seed -- --kind vet|medical --patients N [options]
  --data DIR       data folder (default ./data); the database is DIR/${DATABASE_FILE}
  --seed S         random seed (default 1): same seed, same practice
  --feline-only    veterinary: a cat-only hospital
  --password P     password for the administrator and all staff (default ${DEFAULT_PASSWORD})
  --force-new      the database already has a practice: move it aside (renamed *.bak-<time>) and start anew
  --audit          also write the audit entry per created row that registration writes (about 1.8x slower)`;

function fail(message: string): never {
  console.error(`seed: ${message}\n\n${USAGE}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      kind: { type: 'string' },
      patients: { type: 'string' },
      data: { type: 'string', default: './data' },
      seed: { type: 'string', default: '1' },
      'feline-only': { type: 'boolean', default: false },
      password: { type: 'string', default: DEFAULT_PASSWORD },
      'force-new': { type: 'boolean', default: false },
      audit: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const kind = args.kind as SeedKind | undefined;
if (kind !== 'vet' && kind !== 'medical') fail('--kind must be vet or medical');
const patients = Number(args.patients);
if (!args.patients || !Number.isInteger(patients) || patients < 0) fail('--patients must be a whole number');
const seed = Number(args.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
if (args['feline-only'] && kind !== 'vet') fail('--feline-only is for --kind vet');
if (args.password.length < 10) fail('--password must be at least 10 characters');

const dataDir = resolve(args.data);
const file = join(dataDir, DATABASE_FILE);
mkdirSync(dataDir, { recursive: true });

let db = await LocalDatabase.open(file);
if (countPractices(db) > 0) {
  db.close();
  if (!args['force-new']) {
    console.error(`seed: ${file} already holds a practice (one practice per database file).`);
    console.error('Stop the app and re-run with --force-new to move it aside and start a new one, or use --data for another folder.');
    process.exit(1);
  }
  const backup = `${file}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, backup + suffix);
  console.log(`Moved the existing database aside: ${backup}`);
  db = await LocalDatabase.open(file);
}

console.log(`Seeding a ${kind === 'vet' ? (args['feline-only'] ? 'feline-only veterinary' : 'veterinary') : 'medical'} practice with ${patients} patients into ${file} (seed ${seed})…`);
let lastReport = 0;
try {
  const result = await seedPractice(db, {
    kind,
    patients,
    seed,
    felineOnly: args['feline-only'],
    password: args.password,
    audit: args.audit,
    onProgress: (done, total) => {
      if (process.stdout.isTTY && (done - lastReport >= 10_000 || done === total)) {
        lastReport = done;
        process.stdout.write(`\r  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} patients`);
      }
    },
  });
  if (process.stdout.isTTY && patients > 0) process.stdout.write('\n');
  const c = result.counts;
  console.log(`\nPractice: ${result.practiceName} (${result.kind === 'vet' ? 'veterinary' : 'medical'}, ZAR, VAT 15%, Africa/Johannesburg)`);
  console.log(`Admin:    ${result.admin.email}  password: ${result.admin.password}`);
  console.log(`Staff:    ${result.staff.length} (same password)`);
  for (const s of result.staff) console.log(`          ${s.role.padEnd(12)} ${s.email}  ${s.displayName}`);
  console.log(`Made:     ${c.accounts} accounts, ${c.patients} patients, ${c.emergencyContact} emergency contacts, ${c.medicalAid} medical aid, ` +
    `${c.allergy} allergies, ${c.medicalHistory} medical history, ${c.familyHistory} family history`);
  console.log(`Outbox:   ${result.syncLogRows} sync_log rows; audit log: ${result.auditRows} entries`);
  console.log(`Took:     ${result.seconds.toFixed(1)} s`);
} finally {
  db.close();
}
