/**
 * Recording lab results. A result is never edited: a correction is a new
 * result pointing at the one it corrects (both stay on the chart, audited).
 */
import type { z } from 'zod';
import type { LabResultView } from '../../shared/api/clinical-record-types';
import { labFlag, numericValue } from '../../shared/clinical/lab-flag';
import type { recordLabResultInput } from '../../shared/schemas/lab-results';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import * as results from '../db/lab-results';
import type { Actor } from './actor';
import { chartPatientId, requireRight, requireVisitOf } from './clinical-access';
import { notFound, validationError } from './errors';

export function recordLabResult(db: LocalDatabase, actor: Actor, input: z.output<typeof recordLabResultInput>): LabResultView {
  requireRight(actor, 'clinical.write');
  const f = input.fields;
  const numeric = numericValue(f.value);
  const flag = f.flag ?? labFlag(numeric, { low: f.referenceLow, high: f.referenceHigh }) ?? 'normal';
  const id = db.transaction(actor.userId, () => {
    const patientId = chartPatientId(db, actor, input.patientId);
    requireVisitOf(db, actor, patientId, input.visitId);
    if (input.correctsId) {
      const corrected = results.findLabResult(db, actor.practiceId, input.correctsId);
      if (!corrected || corrected.patient_id !== patientId) throw notFound('Lab result');
      if (results.isCorrected(db, input.correctsId)) {
        throw validationError({ correctsId: 'That result has already been corrected; correct the newer one' });
      }
    }
    const row: results.LabResultRow = {
      patient_id: patientId,
      visit_id: input.visitId,
      test_name: f.testName,
      test_code: f.testCode,
      value: f.value,
      numeric_value: numeric,
      unit: f.unit,
      reference_low: f.referenceLow,
      reference_high: f.referenceHigh,
      reference_text: f.referenceText,
      flag,
      status: f.status,
      resulted_at: f.resultedAt,
      lab_name: f.labName,
      notes: f.notes,
      corrects_id: input.correctsId,
      recorded_by: actor.userId,
    };
    const newId = results.insertLabResult(db, actor.practiceId, row);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'create',
      entityType: input.correctsId ? 'lab_result_correction' : 'lab_result',
      entityId: newId,
      patientId,
      after: row,
    });
    return { id: newId, patientId };
  });
  const view = results.listLabResults(db, actor.practiceId, id.patientId).find((r) => r.id === id.id);
  if (!view) throw notFound('Lab result');
  return view;
}

export function labResultsForPatient(db: LocalDatabase, actor: Actor, patientId: string): LabResultView[] {
  requireRight(actor, 'clinical.read');
  return results.listLabResults(db, actor.practiceId, chartPatientId(db, actor, patientId));
}
