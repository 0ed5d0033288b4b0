/**
 * The practice's own coded diagnosis list: what veterinary practices (and any
 * practice with local codes) code with instead of, or beside, ICD-10-CM.
 * Codes are retired, never removed (consultations name them); the code
 * itself never changes after it is added, since its row id derives from it.
 */
import type { z } from 'zod';
import type { DiagnosisCodeHit, DiagnosisCodeImport, DiagnosisCodeView } from '../../shared/api/diagnosis-code-types';
import { parseDiagnosisCodeCsv } from '../../shared/clinical/diagnosis-code-csv';
import { practiceUsageBoost, scorePracticeCode } from '../../shared/clinical/practice-code-match';
import { t } from '../../shared/i18n';
import type {
  addDiagnosisCodeInput,
  importDiagnosisCodesInput,
  listDiagnosisCodesInput,
  searchDiagnosisCodesInput,
  setDiagnosisCodeActiveInput,
  updateDiagnosisCodeInput,
} from '../../shared/schemas/diagnosis-codes';
import { appendAudit } from '../db/audit-log';
import { findConsultation, speciesOf } from '../db/consultations';
import type { LocalDatabase } from '../db/database';
import {
  diagnosisCodeRows,
  findDiagnosisCodeRow,
  practiceCodeUsage,
  practiceDiagnosisCodeId,
  toDiagnosisCodeView,
} from '../db/practice-diagnosis-codes';
import type { PracticeDiagnosisCodeTable } from '../db/schema-consultations';
import { insertSynced, updateSynced } from '../db/synced-rows';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';

type CodeFields = Pick<z.output<typeof addDiagnosisCodeInput>, 'description' | 'species' | 'synonyms'>;

/** Species on a code must be ones this practice sees; a human practice's codes have none. */
function speciesProblem(actor: Actor, species: readonly string[]): string | null {
  if (species.length === 0) return null;
  if (actor.practice.kind !== 'veterinary') return t('err.speciesForHumans');
  const unseen = species.find((s) => !(actor.practice.allowedSpecies as string[]).includes(s));
  return unseen ? t('err.speciesNotSeen', { species: unseen }) : null;
}

function columnsOf(fields: CodeFields) {
  return { description: fields.description, species: JSON.stringify([...fields.species].sort()), synonyms: fields.synonyms };
}

/** The columns that differ from the stored row (only those are written, so they alone sync). */
function changedColumns(row: PracticeDiagnosisCodeTable, next: Record<string, string | number | null>) {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => row[k as keyof PracticeDiagnosisCodeTable] !== v));
}

export function listDiagnosisCodes(db: LocalDatabase, actor: Actor, input: z.output<typeof listDiagnosisCodesInput>): DiagnosisCodeView[] {
  return diagnosisCodeRows(db, actor.practiceId, input.includeRetired).map(toDiagnosisCodeView);
}

export function searchDiagnosisCodes(db: LocalDatabase, actor: Actor, input: z.output<typeof searchDiagnosisCodesInput>): DiagnosisCodeHit[] {
  let species: string | null = null;
  if (input.consultationId) {
    const c = findConsultation(db, actor.practiceId, input.consultationId);
    if (!c) throw notFound('Consultation');
    species = speciesOf(db, c.patient_id);
  }
  const uses = practiceCodeUsage(db, actor.practiceId);
  const scored: { hit: DiagnosisCodeHit; score: number }[] = [];
  for (const row of diagnosisCodeRows(db, actor.practiceId, false)) {
    const view = toDiagnosisCodeView(row);
    if (species && view.species.length > 0 && !view.species.includes(species)) continue;
    const match = scorePracticeCode(input.query, row);
    if (!match) continue;
    scored.push({
      hit: { code: row.code, description: row.description, species: view.species, matchedBy: match.matchedBy },
      score: match.score + practiceUsageBoost(uses.get(row.code) ?? 0),
    });
  }
  scored.sort((a, b) => b.score - a.score || a.hit.code.localeCompare(b.hit.code));
  return scored.slice(0, input.limit).map((s) => s.hit);
}

export function addDiagnosisCode(db: LocalDatabase, actor: Actor, input: z.output<typeof addDiagnosisCodeInput>): DiagnosisCodeView {
  const problem = speciesProblem(actor, input.species);
  if (problem) throw validationError({ species: problem });
  return db.transaction(actor.userId, () => {
    const id = practiceDiagnosisCodeId(actor.practiceId, input.code);
    const existing = db.first(db.kysely.selectFrom('practice_diagnosis_code').select('is_active').where('id', '=', id));
    if (existing) throw conflict('err.diagnosisCodeExists', { code: input.code, retired: existing.is_active === 1 ? '' : ' (retired)' });
    const values = { code: input.code, ...columnsOf(input), is_active: 1 };
    insertSynced(db, 'practice_diagnosis_code', actor.practiceId, values, id);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'practice_diagnosis_code', entityId: id, after: values });
    return toDiagnosisCodeView(findDiagnosisCodeRow(db, actor.practiceId, id)!);
  });
}

export function updateDiagnosisCode(db: LocalDatabase, actor: Actor, input: z.output<typeof updateDiagnosisCodeInput>): DiagnosisCodeView {
  const problem = speciesProblem(actor, input.species);
  if (problem) throw validationError({ species: problem });
  return db.transaction(actor.userId, () => {
    const row = findDiagnosisCodeRow(db, actor.practiceId, input.id);
    if (!row) throw notFound('Diagnosis code');
    const changes = changedColumns(row, columnsOf(input));
    if (Object.keys(changes).length > 0) {
      updateSynced(db, 'practice_diagnosis_code', row.id, changes);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof PracticeDiagnosisCodeTable]]));
      appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'practice_diagnosis_code', entityId: row.id, before, after: changes });
    }
    return toDiagnosisCodeView(findDiagnosisCodeRow(db, actor.practiceId, row.id)!);
  });
}

export function setDiagnosisCodeActive(db: LocalDatabase, actor: Actor, input: z.output<typeof setDiagnosisCodeActiveInput>): DiagnosisCodeView {
  return db.transaction(actor.userId, () => {
    const row = findDiagnosisCodeRow(db, actor.practiceId, input.id);
    if (!row) throw notFound('Diagnosis code');
    const active = input.active ? 1 : 0;
    if (row.is_active !== active) {
      updateSynced(db, 'practice_diagnosis_code', row.id, { is_active: active });
      appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'practice_diagnosis_code', entityId: row.id, before: { is_active: row.is_active }, after: { is_active: active } });
    }
    return toDiagnosisCodeView(findDiagnosisCodeRow(db, actor.practiceId, row.id)!);
  });
}

/** Adds new codes, updates (and brings back) listed ones; codes not in the file are left as they are. */
export function importDiagnosisCodes(db: LocalDatabase, actor: Actor, input: z.output<typeof importDiagnosisCodesInput>): DiagnosisCodeImport {
  const parsed = parseDiagnosisCodeCsv(input.csv);
  const errors = [...parsed.errors];
  parsed.rows.forEach((row) => {
    const problem = speciesProblem(actor, row.species);
    if (problem && errors.length < 20) errors.push(`${row.code}: ${problem}`);
  });
  if (errors.length > 0) throw validationError({ csv: errors.join('\n') });
  return db.transaction(actor.userId, () => {
    const result: DiagnosisCodeImport = { added: 0, updated: 0, unchanged: 0 };
    for (const item of parsed.rows) {
      const id = practiceDiagnosisCodeId(actor.practiceId, item.code);
      const row = findDiagnosisCodeRow(db, actor.practiceId, id);
      const values = { ...columnsOf(item), is_active: 1 };
      const audit = { practiceId: actor.practiceId, userId: actor.userId, entityType: 'practice_diagnosis_code', entityId: id } as const;
      if (!row) {
        const inserted = { code: item.code, ...values };
        insertSynced(db, 'practice_diagnosis_code', actor.practiceId, inserted, id);
        appendAudit(db, { ...audit, action: 'create', after: inserted });
        result.added += 1;
        continue;
      }
      const changes = changedColumns(row, values);
      if (Object.keys(changes).length === 0) result.unchanged += 1;
      else {
        updateSynced(db, 'practice_diagnosis_code', id, changes);
        const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof PracticeDiagnosisCodeTable]]));
        appendAudit(db, { ...audit, action: 'update', before, after: changes });
        result.updated += 1;
      }
    }
    return result;
  });
}
