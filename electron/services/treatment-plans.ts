/**
 * Treatment plans: created with their steps, moved along the plan's status
 * machine, steps marked done or skipped. Marking the first step starts an
 * accepted plan; settling the last completes it (planStatusAfterStep).
 */
import type { z } from 'zod';
import type { TreatmentPlanView } from '../../shared/api/clinical-record-types';
import {
  planStatusAfterStep,
  planStepStatus,
  treatmentPlanStatus,
  type PlanStepStatus,
  type TreatmentPlanStatus,
} from '../../shared/clinical/treatment-plan-status';
import type { addPlanStepInput, createTreatmentPlanInput, movePlanInput, settlePlanStepInput } from '../../shared/schemas/treatment-plans';
import { t } from '../../shared/i18n';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import * as plans from '../db/treatment-plans';
import type { Actor } from './actor';
import { chartPatientId, requireRight, requireVisitOf } from './clinical-access';
import { notFound, validationError } from './errors';

const planLabel = (s: TreatmentPlanStatus) => t(`plans.status.${s}`);

function audit(db: LocalDatabase, actor: Actor, action: 'create' | 'update', entityType: string, entityId: string, patientId: string, after: unknown, before?: unknown): void {
  appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action, entityType, entityId, patientId, after, ...(before === undefined ? {} : { before }) });
}

function view(db: LocalDatabase, actor: Actor, planId: string): TreatmentPlanView {
  const plan = plans.findPlan(db, actor.practiceId, planId);
  if (!plan) throw notFound('Treatment plan');
  return plans.planView(plan, plans.planSteps(db, [planId]));
}

export function createTreatmentPlan(db: LocalDatabase, actor: Actor, input: z.output<typeof createTreatmentPlanInput>): TreatmentPlanView {
  requireRight(actor, 'clinical.write');
  const planId = db.transaction(actor.userId, () => {
    const patientId = chartPatientId(db, actor, input.patientId);
    const estimate = input.estimatedCostMinor ?? input.steps.reduce((sum, s) => sum + s.estimatedCostMinor, 0);
    const row = { patient_id: patientId, title: input.title, description: input.description, status: 'proposed', estimated_cost_minor: estimate, created_by: actor.userId };
    const id = plans.insertPlan(db, actor.practiceId, row);
    input.steps.forEach((step, i) =>
      plans.insertStep(db, actor.practiceId, { plan_id: id, step_order: i + 1, description: step.description, estimated_cost_minor: step.estimatedCostMinor }),
    );
    audit(db, actor, 'create', 'treatment_plan', id, patientId, { ...row, steps: input.steps });
    return id;
  });
  return view(db, actor, planId);
}

export function addPlanStep(db: LocalDatabase, actor: Actor, input: z.output<typeof addPlanStepInput>): TreatmentPlanView {
  requireRight(actor, 'clinical.write');
  db.transaction(actor.userId, () => {
    const plan = plans.findPlan(db, actor.practiceId, input.planId);
    if (!plan) throw notFound('Treatment plan');
    if (treatmentPlanStatus.isFinal(plan.status as TreatmentPlanStatus)) {
      throw validationError({ planId: `The plan is ${planLabel(plan.status as TreatmentPlanStatus)}; start a new plan instead` });
    }
    const steps = plans.planSteps(db, [plan.id]);
    const order = steps.reduce((max, s) => Math.max(max, s.step_order), 0) + 1;
    const id = plans.insertStep(db, actor.practiceId, { plan_id: plan.id, step_order: order, description: input.step.description, estimated_cost_minor: input.step.estimatedCostMinor });
    plans.updatePlan(db, plan.id, { estimated_cost_minor: plan.estimated_cost_minor + input.step.estimatedCostMinor });
    audit(db, actor, 'create', 'treatment_plan_step', id, plan.patient_id, { planId: plan.id, stepOrder: order, ...input.step });
  });
  return view(db, actor, input.planId);
}

export function moveTreatmentPlan(db: LocalDatabase, actor: Actor, input: z.output<typeof movePlanInput>): TreatmentPlanView {
  requireRight(actor, 'clinical.write');
  db.transaction(actor.userId, () => {
    const plan = plans.findPlan(db, actor.practiceId, input.planId);
    if (!plan) throw notFound('Treatment plan');
    const from = plan.status as TreatmentPlanStatus;
    const refusal = treatmentPlanStatus.explainMove(from, input.to, planLabel);
    if (refusal) throw validationError({ to: refusal });
    if (input.to === 'completed') {
      const pending = plans.planSteps(db, [plan.id]).filter((s) => s.status === 'pending').length;
      if (pending > 0) throw validationError({ to: `${pending} step(s) are still pending: mark them done or skipped first` });
    }
    plans.updatePlan(db, plan.id, { status: input.to, status_changed_at: db.isoNow() });
    audit(db, actor, 'update', 'treatment_plan', plan.id, plan.patient_id, { status: input.to }, { status: from });
  });
  return view(db, actor, input.planId);
}

export function settlePlanStep(db: LocalDatabase, actor: Actor, input: z.output<typeof settlePlanStepInput>): TreatmentPlanView {
  requireRight(actor, 'clinical.write');
  const planId = db.transaction(actor.userId, () => {
    const step = plans.findStep(db, actor.practiceId, input.stepId);
    if (!step) throw notFound('Plan step');
    const plan = plans.findPlan(db, actor.practiceId, step.plan_id);
    if (!plan) throw notFound('Treatment plan');
    const planStatus = plan.status as TreatmentPlanStatus;
    if (planStatus !== 'accepted' && planStatus !== 'in_progress') {
      throw validationError({ stepId: `The plan is ${planLabel(planStatus)}: steps can be marked once it is accepted` });
    }
    const refusal = planStepStatus.explainMove(step.status as PlanStepStatus, input.to, (s) => s);
    if (refusal) throw validationError({ to: refusal });
    requireVisitOf(db, actor, plan.patient_id, input.visitId);
    const now = db.isoNow();
    plans.updateStep(db, step.id, { status: input.to, done_at: now, done_by: actor.userId, visit_id: input.visitId });
    audit(db, actor, 'update', 'treatment_plan_step', step.id, plan.patient_id, { status: input.to, visitId: input.visitId }, { status: step.status });
    const next = planStatusAfterStep(planStatus, plans.planSteps(db, [plan.id]));
    if (next) {
      plans.updatePlan(db, plan.id, { status: next, status_changed_at: now });
      audit(db, actor, 'update', 'treatment_plan', plan.id, plan.patient_id, { status: next }, { status: planStatus });
    }
    return plan.id;
  });
  return view(db, actor, planId);
}

export function plansForPatient(db: LocalDatabase, actor: Actor, patientId: string): TreatmentPlanView[] {
  requireRight(actor, 'clinical.read');
  return plans.listPlans(db, actor.practiceId, chartPatientId(db, actor, patientId));
}
