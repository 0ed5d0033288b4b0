/**
 * Keeping the practice's medication catalogue: add, edit, retire and
 * restore. Each is one transaction with its audit row (before and after);
 * nothing is deleted, so a prescription's medication id always resolves.
 * Issued prescriptions copied the drug's name, strength, form and schedule,
 * so an edit here never changes one. Two active entries with the same name,
 * strength and form are refused: the prescriber could not tell them apart.
 */
import type { z } from 'zod';
import type { CatalogueMedication } from '../../shared/api/catalogue-types';
import { ApiError } from '../../shared/api/result';
import { t } from '../../shared/i18n';
import type { addMedicationInput, medicationListInput, setMedicationActiveInput, updateMedicationInput } from '../../shared/schemas/catalogue';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { activeTwinOf, listCatalogue, medicationColumns, toCatalogueMedication } from '../db/medication-catalogue';
import { countMedications, findMedication } from '../db/medications';
import type { MedicationTable } from '../db/schema-prescribing';
import { insertSynced, updateSynced } from '../db/synced-rows';
import type { Actor } from './actor';
import { changedFields } from './diff';
import { notFound } from './errors';
import { ensureMedicationCatalogue } from './prescribing';

/** A practice set up before 0012 gets its starter list first, or the first addition would stop it ever coming. */
function withStarterList(db: LocalDatabase, actor: Actor): void {
  if (countMedications(db, actor.practiceId) === 0) ensureMedicationCatalogue(db, actor);
}

export function listMedicationCatalogue(db: LocalDatabase, actor: Actor, input: z.output<typeof medicationListInput>): CatalogueMedication[] {
  withStarterList(db, actor);
  return listCatalogue(db, actor.practiceId, input.query).map(toCatalogueMedication);
}

function refuseTwin(db: LocalDatabase, actor: Actor, m: Pick<MedicationTable, 'name' | 'strength' | 'form'>, exceptId: string | null): void {
  const twin = activeTwinOf(db, actor.practiceId, m, exceptId);
  if (!twin) return;
  const message = t('catalogue.duplicate', { name: twin.name });
  throw new ApiError({ kind: 'conflict', message, fields: { 'fields.name': message } });
}

const audited = (actor: Actor, entityId: string) => ({ practiceId: actor.practiceId, userId: actor.userId, entityType: 'medication', entityId });

function live(db: LocalDatabase, actor: Actor, id: string): MedicationTable {
  const row = findMedication(db, actor.practiceId, id);
  if (!row) throw notFound('Medication');
  return row;
}

export function addMedication(db: LocalDatabase, actor: Actor, input: z.output<typeof addMedicationInput>): CatalogueMedication {
  withStarterList(db, actor);
  return db.transaction(actor.userId, () => {
    const columns = medicationColumns(input.fields);
    refuseTwin(db, actor, columns, null);
    const id = insertSynced(db, 'medication', actor.practiceId, { ...columns, is_active: 1 });
    appendAudit(db, { ...audited(actor, id), action: 'create', after: { ...columns, is_active: 1 } });
    return toCatalogueMedication(live(db, actor, id));
  });
}

export function updateMedication(db: LocalDatabase, actor: Actor, input: z.output<typeof updateMedicationInput>): CatalogueMedication {
  return db.transaction(actor.userId, () => {
    const before = live(db, actor, input.id);
    const columns = medicationColumns(input.fields);
    if (before.is_active === 1) refuseTwin(db, actor, columns, before.id);
    // Only the columns that changed: another device's edit of a different field survives the merge.
    const diff = changedFields(before, columns);
    if (Object.keys(diff.after).length === 0) return toCatalogueMedication(before);
    updateSynced(db, 'medication', before.id, diff.after as Record<string, string | number | null>);
    appendAudit(db, { ...audited(actor, before.id), action: 'update', before: diff.before, after: diff.after });
    return toCatalogueMedication(live(db, actor, before.id));
  });
}

export function setMedicationActive(db: LocalDatabase, actor: Actor, input: z.output<typeof setMedicationActiveInput>): CatalogueMedication {
  return db.transaction(actor.userId, () => {
    const before = live(db, actor, input.id);
    const active = input.active ? 1 : 0;
    if (before.is_active === active) return toCatalogueMedication(before);
    if (active === 1) refuseTwin(db, actor, before, before.id);
    updateSynced(db, 'medication', before.id, { is_active: active });
    appendAudit(db, { ...audited(actor, before.id), action: 'update', before: { is_active: before.is_active }, after: { is_active: active } });
    return toCatalogueMedication(live(db, actor, before.id));
  });
}
