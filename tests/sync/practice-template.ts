/**
 * The practice every desk of a sync property test starts from: one desk sets
 * it up through the real services (a walk-in and a booking per patient), and
 * its outbox is replayed into a template file without a device id, so each
 * copy makes its own.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { applyRemoteChanges } from '../../sync/engine/apply';
import type { PushEntry } from '../../sync/hub/contract';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { openReception } from '../helpers/reception';
import { outboxOf } from './devices';

export interface PracticeTemplate {
  practiceId: string;
  adminId: string;
  /** The setting-up desk's outbox, as the hub would first receive it. */
  entries: PushEntry[];
  /** Table → ids of every row the setting-up desk wrote. */
  rowIds: Record<string, string[]>;
  /** The template database file (copy it per desk). */
  path: string;
}

export function rowIdsOf(db: LocalDatabase): Record<string, string[]> {
  return Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, db.sqlite.prepare(`SELECT id FROM "${t}" ORDER BY id`).pluck().all() as string[]]));
}

export async function buildPracticeTemplate(dir: string, start: number): Promise<PracticeTemplate> {
  const seed = await openReception(start);
  const session = await seed.admin.call('auth.session', {});
  for (const [i, patientId] of seed.patients.entries()) {
    await seed.admin.call('visits.walkIn', { patientId, serviceTypeId: seed.serviceId });
    await seed.admin.call('appointments.book', {
      patientId,
      practitionerId: seed.doctorId,
      serviceTypeId: seed.serviceId,
      start: `2026-11-26T${String(8 + i).padStart(2, '0')}:00`,
    });
  }
  const entries = outboxOf(seed.core.db);
  const rowIds = rowIdsOf(seed.core.db);
  seed.close();

  const path = join(dir, 'template.sqlite');
  const t = await LocalDatabase.open(path, { now: () => start });
  expect(applyRemoteChanges(t, entries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
  return { practiceId: session.practice.id, adminId: session.user.id, entries, rowIds, path };
}
