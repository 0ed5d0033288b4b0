/** Treatment plans and their steps (migration 0013). */
import type { PlanStepView, TreatmentPlanView } from '../../shared/api/clinical-record-types';
import { planProgress } from '../../shared/clinical/treatment-plan-status';
import { fromRow } from './case';
import type { LocalDatabase } from './database';
import type { TreatmentPlanStepTable, TreatmentPlanTable } from './schema-results-documents-plans';
import { insertSynced, updateSynced } from './synced-rows';

type Values = Record<string, string | number | null>;

export function insertPlan(
  db: LocalDatabase,
  practiceId: string,
  row: Pick<TreatmentPlanTable, 'patient_id' | 'title' | 'description' | 'status' | 'estimated_cost_minor' | 'created_by'>,
): string {
  return insertSynced(db, 'treatment_plan', practiceId, { ...row, status_changed_at: db.isoNow() });
}

export function insertStep(
  db: LocalDatabase,
  practiceId: string,
  row: Pick<TreatmentPlanStepTable, 'plan_id' | 'step_order' | 'description' | 'estimated_cost_minor'>,
): string {
  return insertSynced(db, 'treatment_plan_step', practiceId, { ...row, status: 'pending', done_at: null, done_by: null, visit_id: null });
}

export function findPlan(db: LocalDatabase, practiceId: string, id: string): TreatmentPlanTable | undefined {
  return db.first(
    db.kysely.selectFrom('treatment_plan').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

export function findStep(db: LocalDatabase, practiceId: string, id: string): TreatmentPlanStepTable | undefined {
  return db.first(
    db.kysely
      .selectFrom('treatment_plan_step')
      .selectAll()
      .where('id', '=', id)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null),
  );
}

export function planSteps(db: LocalDatabase, planIds: readonly string[]): TreatmentPlanStepTable[] {
  if (planIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('treatment_plan_step')
      .selectAll()
      .where('plan_id', 'in', [...planIds])
      .where('deleted_at', 'is', null)
      .orderBy('plan_id')
      .orderBy('step_order')
      .orderBy('id'),
  );
}

export function updatePlan(db: LocalDatabase, id: string, values: Values): boolean {
  return updateSynced(db, 'treatment_plan', id, values);
}

export function updateStep(db: LocalDatabase, id: string, values: Values): boolean {
  return updateSynced(db, 'treatment_plan_step', id, values);
}

/** A patient's plans, newest first, each with its steps in order and its progress. */
export function listPlans(db: LocalDatabase, practiceId: string, patientId: string): TreatmentPlanView[] {
  const plans = db.all(
    db.kysely
      .selectFrom('treatment_plan')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc'),
  );
  const steps = planSteps(db, plans.map((p) => p.id));
  return plans.map((plan) => planView(plan, steps.filter((s) => s.plan_id === plan.id)));
}

export function planView(plan: TreatmentPlanTable, steps: readonly TreatmentPlanStepTable[]): TreatmentPlanView {
  const stepViews = steps.map((s) => fromRow<PlanStepView & { planId: string }>(s)).map(({ planId: _planId, ...rest }) => rest);
  const view = fromRow<Omit<TreatmentPlanView, 'steps' | 'progress'>>(plan);
  return { ...view, steps: stepViews as PlanStepView[], progress: planProgress(steps) };
}
