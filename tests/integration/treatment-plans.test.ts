import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
beforeAll(async () => {
  rx = await openReception();
}, 60_000);
afterAll(() => rx.close());

const count = (table: string) => (rx.core.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const dental = {
  title: 'Dental treatment',
  steps: [
    { description: 'Scale and polish', estimatedCostMinor: 180_000 },
    { description: 'Extract 104', estimatedCostMinor: 95_000 },
    { description: 'Recheck in 2 weeks', estimatedCostMinor: 0 },
  ],
};

describe('treatment plans', () => {
  it('creates a plan with steps (estimate = sum of steps) in one transaction, audited once', async () => {
    const [outbox, audit] = [count('sync_log'), count('audit_log')];
    const plan = await rx.admin.call('plans.create', { patientId: rx.patients[0]!, ...dental });
    expect(plan).toMatchObject({ status: 'proposed', estimatedCostMinor: 275_000, progress: { done: 0, total: 3, percent: 0 } });
    expect(plan.steps.map((s) => [s.stepOrder, s.description, s.status])).toEqual([
      [1, 'Scale and polish', 'pending'], [2, 'Extract 104', 'pending'], [3, 'Recheck in 2 weeks', 'pending'],
    ]);
    expect([count('sync_log') - outbox, count('audit_log') - audit]).toEqual([5, 1]);
  });

  it('follows the status machine: steps count once accepted; the first starts it, the last completes it', async () => {
    const plan = await rx.admin.call('plans.create', { patientId: rx.patients[1]!, ...dental });
    const [a, b, c] = plan.steps;
    const early = await expectApiError(rx.admin.call('plans.settleStep', { stepId: a!.id, to: 'done' }), 'validation');
    expect(early.fields?.stepId).toMatch(/Proposed/);
    const wrong = await expectApiError(rx.admin.call('plans.move', { planId: plan.id, to: 'in_progress' }), 'validation');
    expect(wrong.fields?.to).toMatch(/cannot go from Proposed to In progress/);
    await rx.admin.call('plans.move', { planId: plan.id, to: 'accepted' });
    const started = await rx.admin.call('plans.settleStep', { stepId: a!.id, to: 'done' });
    expect(started).toMatchObject({ status: 'in_progress', progress: { done: 1, total: 3, percent: 33 } });
    expect(started.steps[0]!.doneAt).not.toBeNull();
    await expectApiError(rx.admin.call('plans.settleStep', { stepId: a!.id, to: 'skipped' }), 'validation');
    const early2 = await expectApiError(rx.admin.call('plans.move', { planId: plan.id, to: 'completed' }), 'validation');
    expect(early2.fields?.to).toMatch(/still pending/);
    await rx.admin.call('plans.settleStep', { stepId: c!.id, to: 'skipped' });
    const withStep = await rx.admin.call('plans.addStep', { planId: plan.id, step: { description: 'Dental x-rays', estimatedCostMinor: 60_000 } });
    expect(withStep).toMatchObject({ estimatedCostMinor: 335_000, progress: { done: 1, total: 4 } });
    await rx.admin.call('plans.settleStep', { stepId: b!.id, to: 'done' });
    const done = await rx.admin.call('plans.settleStep', { stepId: withStep.steps[3]!.id, to: 'done' });
    expect(done).toMatchObject({ status: 'completed', progress: { done: 3, total: 4, percent: 75 } });
    await expectApiError(rx.admin.call('plans.addStep', { planId: plan.id, step: { description: 'More' } }), 'validation');
    await expectApiError(rx.admin.call('plans.move', { planId: plan.id, to: 'cancelled' }), 'validation');
    const listed = await rx.admin.call('plans.forPatient', { patientId: rx.patients[1]! });
    expect(listed.map((p) => p.id)).toEqual([plan.id]);
  });

  it('refuses bad input and staff without clinical rights, writing nothing', async () => {
    const outbox = count('sync_log');
    await expectApiError(rx.admin.call('plans.create', { patientId: rx.patients[2]!, title: '' }), 'validation');
    await expectApiError(rx.admin.call('plans.create', { patientId: rx.patients[2]!, title: 'X', steps: [{ description: 'a', estimatedCostMinor: -1 }] }), 'validation');
    await expectApiError(rx.admin.call('plans.create', { patientId: rx.patients[2]!, title: 'X', steps: [{ description: 'a', estimatedCostMinor: 1.5 }] }), 'validation');
    expect(count('sync_log')).toBe(outbox);
    const reception = await rx.staffClient('receptionist');
    const afterStaff = count('sync_log');
    await expectApiError(reception.call('plans.create', { patientId: rx.patients[2]!, ...dental }), 'forbidden');
    expect(count('sync_log')).toBe(afterStaff);
    const db = rx.core.db;
    expect(() => db.transaction(null, () => db.sqlite.prepare(`UPDATE treatment_plan_step SET status = 'done' WHERE status = 'pending'`).run())).toThrow(/CHECK/);
  });
});
