/** SOAP templates (protocol rows, migration 0011). */
import { createHash } from 'node:crypto';
import type { ProtocolTemplate } from '../../shared/clinical/default-protocols';
import type { LocalDatabase } from './database';
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
  const hex = createHash('sha256').update(`protocol\u0000${practiceId}\u0000${key}`).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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
