/**
 * The practice's medication catalogue: the starter list (seeded once per
 * practice with ids derived from practice and item, so two devices seeding
 * write the same rows) and the search the prescribe dialog types into.
 */
import type { MedicationView } from '../../shared/api/prescribing-types';
import type { StarterMedication } from '../../shared/clinical/starter-medications';
import type { LocalDatabase } from './database';
import { derivedRowId } from './derived-id';
import type { MedicationTable } from './schema-prescribing';
import { insertSynced } from './synced-rows';

/** Derived from practice and item, so two devices seeding write the same rows. */
export function starterMedicationId(practiceId: string, key: string): string {
  return derivedRowId('medication', practiceId, key);
}

export function toMedicationView(row: MedicationTable): MedicationView {
  return {
    id: row.id,
    name: row.name,
    genericName: row.generic_name,
    activeIngredients: row.active_ingredients,
    form: row.form,
    strength: row.strength,
    route: row.route,
    category: row.category,
    nappiCode: row.nappi_code,
    isControlled: row.is_controlled === 1,
    schedule: row.schedule,
    species: row.species,
    defaultDose: row.default_dose,
    defaultFrequency: row.default_frequency,
    defaultInstructions: row.default_instructions,
  };
}

/** Inserts the starter items this practice does not hold yet; returns how many it inserted. */
export function seedMedications(db: LocalDatabase, practiceId: string, items: readonly StarterMedication[]): number {
  let inserted = 0;
  for (const m of items) {
    const id = starterMedicationId(practiceId, m.key);
    if (db.first(db.kysely.selectFrom('medication').select('id').where('id', '=', id))) continue;
    insertSynced(
      db,
      'medication',
      practiceId,
      {
        name: m.name,
        generic_name: m.genericName,
        active_ingredients: m.activeIngredients,
        form: m.form,
        strength: m.strength,
        route: m.route,
        category: m.category,
        nappi_code: m.nappiCode ?? null,
        is_controlled: m.isControlled ? 1 : 0,
        schedule: m.schedule,
        species: m.species ?? null,
        default_dose: m.defaultDose,
        default_frequency: m.defaultFrequency,
        default_instructions: m.defaultInstructions ?? null,
        is_active: 1,
      },
      id,
    );
    inserted += 1;
  }
  return inserted;
}

export function countMedications(db: LocalDatabase, practiceId: string): number {
  const row = db.first(
    db.kysely
      .selectFrom('medication')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practice_id', '=', practiceId),
  );
  return Number(row?.n ?? 0);
}

/** LIKE's wildcards typed by the user match themselves nowhere useful: drop them. */
const likeSafe = (text: string) => text.replace(/[%_]/g, '');

export interface MedicationFilter {
  practiceId: string;
  query: string;
  species: string | null;
  limit: number;
}

/** Live, active items whose name, generic name or ingredients contain every word typed; names starting with it first. */
export function searchMedications(db: LocalDatabase, filter: MedicationFilter): MedicationTable[] {
  let query = db.kysely
    .selectFrom('medication')
    .selectAll()
    .where('practice_id', '=', filter.practiceId)
    .where('deleted_at', 'is', null)
    .where('is_active', '=', 1);
  for (const word of likeSafe(filter.query.toLowerCase()).split(/\s+/).filter(Boolean)) {
    const pattern = `%${word}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb(eb.fn('lower', ['generic_name']), 'like', pattern),
        eb(eb.fn('lower', ['active_ingredients']), 'like', pattern),
      ]),
    );
  }
  const species = filter.species;
  if (species) query = query.where((eb) => eb.or([eb('species', 'is', null), eb('species', '=', species)]));
  const first = filter.query.trim().toLowerCase();
  const rows = db.all(query.orderBy('name').limit(500));
  const starts = (r: MedicationTable) => (first && r.name.toLowerCase().startsWith(first) ? 0 : 1);
  return rows.sort((a, b) => starts(a) - starts(b)).slice(0, filter.limit);
}

export function findMedication(db: LocalDatabase, practiceId: string, id: string): MedicationTable | undefined {
  return db.first(
    db.kysely.selectFrom('medication').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}
