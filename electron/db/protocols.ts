/** SOAP templates (protocol rows, migration 0011). */
import type { ProtocolTemplate } from '../../shared/clinical/default-protocols';
import type { LocalDatabase } from './database';
import { derivedRowId } from './derived-id';
import { insertSynced } from './synced-rows';

export function protocolsOf(db: LocalDatabase, practiceId: string) {
  return db.all(
    db.kysely
      .selectFrom('protocol')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .where('is_active', '=', 1)
      .orderBy('name'),
  );
}

/** UUID-shaped (version 8) from the practice and the template's key: two devices seeding offline write the same row. */
export function defaultProtocolId(practiceId: string, key: string): string {
  return derivedRowId('protocol', practiceId, key);
}

/** Writes the practice's default templates that are not there yet (never overwrites an edited one). */
export function seedDefaultProtocols(db: LocalDatabase, practiceId: string, templates: readonly ProtocolTemplate[]): number {
  let added = 0;
  for (const t of templates) {
    const id = defaultProtocolId(practiceId, t.key);
    if (db.first(db.kysely.selectFrom('protocol').select('id').where('id', '=', id))) continue;
    insertSynced(
      db,
      'protocol',
      practiceId,
      {
        name: t.name,
        species: t.species,
        subjective_template: t.subjective,
        objective_template: t.objective,
        assessment_template: t.assessment,
        plan_template: t.plan,
        is_active: 1,
      },
      id,
    );
    added += 1;
  }
  return added;
}
