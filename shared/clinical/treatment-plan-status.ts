/**
 * Treatment plans (seed 000 TreatmentPlan/TreatmentPlanStep): the plan's
 * status machine, the steps' statuses and the plan's progress. Pure: the
 * services refuse illegal moves with it, the sync merge merges with it.
 *
 * @example
 *   treatmentPlanStatus.canMove('proposed', 'accepted'); // true
 *   planProgress([{ status: 'done' }, { status: 'pending' }]); // { done: 1, total: 2, percent: 50 }
 */
import { statusMachine } from '../domain/status-machine';

export const TREATMENT_PLAN_STATUSES = ['proposed', 'accepted', 'in_progress', 'completed', 'cancelled'] as const;
export type TreatmentPlanStatus = (typeof TREATMENT_PLAN_STATUSES)[number];

export const treatmentPlanStatus = statusMachine<TreatmentPlanStatus>(
  {
    proposed: ['accepted', 'cancelled'],
    accepted: ['in_progress', 'completed', 'cancelled'],
    in_progress: ['completed', 'cancelled'],
    completed: [],
    cancelled: [],
  },
  { proposed: 0, accepted: 1, in_progress: 2, completed: 3, cancelled: 3 },
);

export const PLAN_STEP_STATUSES = ['pending', 'done', 'skipped'] as const;
export type PlanStepStatus = (typeof PLAN_STEP_STATUSES)[number];

/** A step is settled once; done and skipped are both final (a wrong tick is corrected by a new step). */
export const planStepStatus = statusMachine<PlanStepStatus>(
  { pending: ['done', 'skipped'], done: [], skipped: [] },
  { pending: 0, done: 1, skipped: 1 },
);

export interface PlanProgress {
  done: number;
  total: number;
  /** Whole percent, done steps over all steps; 0 for a plan without steps. */
  percent: number;
}

export function planProgress(steps: readonly { status: string }[]): PlanProgress {
  const done = steps.filter((s) => s.status === 'done').length;
  const total = steps.length;
  return { done, total, percent: total === 0 ? 0 : Math.floor((done * 100) / total) };
}

/**
 * What marking a step moves the plan to: the first settled step starts an
 * accepted plan; the last one completes it. Null: the plan stays as it is.
 */
export function planStatusAfterStep(plan: TreatmentPlanStatus, steps: readonly { status: string }[]): TreatmentPlanStatus | null {
  const settled = steps.filter((s) => s.status !== 'pending').length;
  if (plan === 'proposed' || plan === 'completed' || plan === 'cancelled') return null;
  if (settled === steps.length && steps.length > 0) return 'completed';
  if (plan === 'accepted' && settled > 0) return 'in_progress';
  return null;
}
