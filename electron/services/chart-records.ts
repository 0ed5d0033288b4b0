/** Adding, editing and removing the lists on a chart; clinical history needs clinical rights. */
import type { z } from 'zod';
import { can } from '../../shared/domain/roles';
import type { ChartRecordKind, chartRecordInput, removeChartRecordInput } from '../../shared/schemas/patient';
import { appendAudit } from '../db/audit-log';
import { toRow } from '../db/case';
import * as records from '../db/chart-records';
import type { LocalDatabase } from '../db/database';
import { findPatientRow } from '../db/patients';
import type { Actor } from './actor';
import { changedFields } from './diff';
import { forbidden, notFound } from './errors';

const CLINICAL_KINDS: readonly ChartRecordKind[] = ['medicalHistory', 'familyHistory'];

function requireRightsFor(actor: Actor, kind: ChartRecordKind): void {
  if (CLINICAL_KINDS.includes(kind) && !can(actor.role, 'clinical.write')) throw forbidden(actor.role);
}

export function saveChartRecord(db: LocalDatabase, actor: Actor, input: z.output<typeof chartRecordInput>): { id: string } {
  requireRightsFor(actor, input.kind);
  return db.transaction(actor.userId, () => {
    if (!findPatientRow(db, actor.practiceId, input.patientId)) throw notFound('Patient');
    const base = { practiceId: actor.practiceId, userId: actor.userId, entityType: input.kind, patientId: input.patientId };
    if (!input.id) {
      const id = records.insertChartRecord(db, input.kind, actor.practiceId, input.patientId, input.fields);
      appendAudit(db, { ...base, action: 'create', entityId: id, after: input.fields });
      return { id };
    }
    const before = records.findChartRecord(db, input.kind, actor.practiceId, input.id);
    if (!before || before.patient_id !== input.patientId) throw notFound('Record');
    const diff = changedFields(before, toRow(input.fields));
    if (Object.keys(diff.after).length > 0) {
      records.updateChartRecord(db, input.kind, input.id, input.fields);
      appendAudit(db, { ...base, action: 'update', entityId: input.id, ...diff });
    }
    return { id: input.id };
  });
}

/** A tombstone, never a hard delete: the row stays, marked removed, with the reason audited. */
export function removeChartRecord(db: LocalDatabase, actor: Actor, input: z.output<typeof removeChartRecordInput>): { id: string } {
  requireRightsFor(actor, input.kind);
  return db.transaction(actor.userId, () => {
    const before = records.findChartRecord(db, input.kind, actor.practiceId, input.id);
    if (!before) throw notFound('Record');
    records.removeChartRecord(db, input.kind, input.id);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'delete',
      entityType: input.kind,
      entityId: input.id,
      patientId: before.patient_id as string,
      before,
      after: { reason: input.reason },
    });
    return { id: input.id };
  });
}
