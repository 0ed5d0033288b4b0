import { describe, expect, it } from 'vitest';
import { planProgress, planStatusAfterStep, treatmentPlanStatus } from '../../shared/clinical/treatment-plan-status';
import { labFlag, numericValue } from '../../shared/clinical/lab-flag';

describe('treatment plan status machine', () => {
  it('moves proposed → accepted → in progress → completed, and can be cancelled until it ends', () => {
    expect(treatmentPlanStatus.canMove('proposed', 'accepted')).toBe(true);
    expect(treatmentPlanStatus.canMove('proposed', 'in_progress')).toBe(false);
    expect(treatmentPlanStatus.canMove('in_progress', 'cancelled')).toBe(true);
    expect(treatmentPlanStatus.canMove('completed', 'cancelled')).toBe(false);
    expect(treatmentPlanStatus.explainMove('cancelled', 'accepted', (s) => s)).toBe('It is cancelled; nothing can change that.');
    // Sync merge: the further state wins; two different ends are a conflict.
    expect(treatmentPlanStatus.furthestStatus('accepted', 'in_progress')).toBe('in_progress');
    expect(treatmentPlanStatus.furthestStatus('completed', 'cancelled')).toBe('conflict');
  });

  it('progress is done steps over all steps; settling steps starts and completes the plan', () => {
    expect(planProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(planProgress([{ status: 'done' }, { status: 'pending' }, { status: 'skipped' }])).toEqual({ done: 1, total: 3, percent: 33 });
    expect(planStatusAfterStep('accepted', [{ status: 'done' }, { status: 'pending' }])).toBe('in_progress');
    expect(planStatusAfterStep('in_progress', [{ status: 'done' }, { status: 'pending' }])).toBeNull();
    expect(planStatusAfterStep('in_progress', [{ status: 'done' }, { status: 'skipped' }])).toBe('completed');
    expect(planStatusAfterStep('accepted', [{ status: 'done' }])).toBe('completed');
    expect(planStatusAfterStep('proposed', [{ status: 'done' }])).toBeNull();
  });
});

describe('lab flags', () => {
  it('flags from the reference range, critical past the critical limits', () => {
    expect(labFlag(5.9, { low: 3.5, high: 5.1 })).toBe('high');
    expect(labFlag(3.4, { low: 3.5, high: 5.1 })).toBe('low');
    expect(labFlag(4, { low: 3.5, high: 5.1 })).toBe('normal');
    expect(labFlag(7, { low: 3.5, high: 5.1, criticalHigh: 6.5 })).toBe('critical');
    expect(labFlag(4, {})).toBeNull();
    expect(labFlag(null, { low: 1 })).toBeNull();
    expect([numericValue(' 5,4 '), numericValue('<0.1'), numericValue('-2')]).toEqual([5.4, null, -2]);
  });
});
