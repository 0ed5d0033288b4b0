/**
 * The catalogue as its editor sees it: every medication of the practice,
 * retired ones included, and the columns a form's fields are stored in.
 * (The prescribe dialog's search, active items only, is in medications.ts.)
 */
import type { z } from 'zod';
import type { CatalogueMedication } from '../../shared/api/catalogue-types';
import type { medicationFields } from '../../shared/schemas/catalogue';
import type { LocalDatabase } from './database';
import { toMedicationView } from './medications';
import type { MedicationTable } from './schema-prescribing';

export type MedicationColumns = Pick<
  MedicationTable,
  | 'name'
  | 'generic_name'
  | 'active_ingredients'
  | 'form'
  | 'strength'
  | 'route'
  | 'category'
  | 'nappi_code'
  | 'is_controlled'
  | 'schedule'
  | 'species'
  | 'default_dose'
  | 'default_frequency'
  | 'default_instructions'
>;

export function medicationColumns(f: z.output<typeof medicationFields>): MedicationColumns {
  return {
    name: f.name,
    generic_name: f.genericName,
    active_ingredients: f.activeIngredients,
    form: f.form,
    strength: f.strength,
    route: f.route,
    category: f.category,
    nappi_code: f.nappiCode,
    is_controlled: f.isControlled ? 1 : 0,
    // A schedule without control is still worth keeping (S4 antibiotics): the law's class of the drug.
    schedule: f.schedule,
    species: f.species,
    default_dose: f.defaultDose,
    default_frequency: f.defaultFrequency,
    default_instructions: f.defaultInstructions,
  };
}

export function toCatalogueMedication(row: MedicationTable): CatalogueMedication {
  return { ...toMedicationView(row), active: row.is_active === 1, updatedAt: row.updated_at };
}

/** LIKE's wildcards typed by the user match themselves nowhere useful: drop them. */
const likeSafe = (text: string) => text.replace(/[%_]/g, '');

/** Every live medication of the practice (retired too), by name; each word of `query` must appear in a name or the ingredients. */
export function listCatalogue(db: LocalDatabase, practiceId: string, query: string): MedicationTable[] {
  let select = db.kysely.selectFrom('medication').selectAll().where('practice_id', '=', practiceId).where('deleted_at', 'is', null);
  for (const word of likeSafe(query.toLowerCase()).split(/\s+/).filter(Boolean)) {
    const pattern = `%${word}%`;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb(eb.fn('lower', ['generic_name']), 'like', pattern),
        eb(eb.fn('lower', ['active_ingredients']), 'like', pattern),
      ]),
    );
  }
  return db.all(select).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/** Trimmed, inner spaces collapsed, case folded: "Paracetamol  500 MG" and "paracetamol 500 mg" are one drug. */
const same = (a: string | null, b: string | null) => (a ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en') === (b ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** An active medication (other than `exceptId`) with the same name, strength and form, if there is one. */
export function activeTwinOf(db: LocalDatabase, practiceId: string, m: Pick<MedicationTable, 'name' | 'strength' | 'form'>, exceptId: string | null): MedicationTable | undefined {
  // A catalogue is hundreds of rows, not millions: comparing in JS folds case beyond ASCII, which SQLite's lower() does not.
  const active = db.all(db.kysely.selectFrom('medication').selectAll().where('practice_id', '=', practiceId).where('deleted_at', 'is', null).where('is_active', '=', 1));
  return active.find((r) => r.id !== exceptId && same(r.name, m.name) && same(r.strength, m.strength) && same(r.form, m.form));
}
