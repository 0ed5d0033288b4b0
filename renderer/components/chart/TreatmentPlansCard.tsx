/** The chart's treatment plans: progress bar, steps to mark done or skip, the plan's next statuses. */
import { useState } from 'react';
import { Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { TreatmentPlanView } from '../../../shared/api/clinical-record-types';
import { TREATMENT_PLAN_STATUSES, treatmentPlanStatus } from '../../../shared/clinical/treatment-plan-status';
import { formatMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';
import { TreatmentPlanForm } from './TreatmentPlanForm';
import { useLoaded } from './useLoaded';

interface Props {
  patientId: string;
  currency: string;
  canWrite: boolean;
  version: number;
  onChanged: () => void;
}

export function TreatmentPlansCard({ patientId, currency, canWrite, version, onChanged }: Props) {
  const { value: plans, error: loadError } = useLoaded(() => call('plans.forPatient', { patientId }), [patientId, version]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-treatment-plans">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('plans.title')}</Title>
        {canWrite ? (
          <Button size="xs" variant="light" onClick={() => setCreating(true)} data-testid="plan-add">
            {t('plans.add')}
          </Button>
        ) : null}
      </Group>
      <ErrorNote message={error ?? loadError} />
      {plans && plans.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.empty')}
        </Text>
      ) : null}
      <Stack gap="md">
        {(plans ?? []).map((plan) => (
          <PlanRow key={plan.id} plan={plan} currency={currency} canWrite={canWrite} act={act} />
        ))}
      </Stack>
      {creating ? (
        <TreatmentPlanForm
          patientId={patientId}
          currency={currency}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}

function PlanRow({ plan, currency, canWrite, act }: { plan: TreatmentPlanView; currency: string; canWrite: boolean; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const moves = TREATMENT_PLAN_STATUSES.filter((s) => treatmentPlanStatus.canMove(plan.status, s));
  const stepsOpen = plan.status === 'accepted' || plan.status === 'in_progress';
  return (
    <Stack gap={4} data-testid="treatment-plan" data-plan-title={plan.title} data-status={plan.status}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {plan.title}{' '}
          <Badge size="xs" variant="light">
            {t(`plans.status.${plan.status}`)}
          </Badge>
        </Text>
        <Text size="xs" c="dimmed">
          {t('plans.estimate', { amount: formatMoney(plan.estimatedCostMinor, currency) })}
        </Text>
      </Group>
      <Progress value={plan.progress.percent} size="sm" aria-label={t('plans.progress', { done: plan.progress.done, total: plan.progress.total })} data-testid="plan-progress" data-percent={plan.progress.percent} />
      <Text size="xs" c="dimmed">
        {t('plans.progress', { done: plan.progress.done, total: plan.progress.total })}
      </Text>
      {plan.steps.map((step) => (
        <Group key={step.id} gap="xs" wrap="nowrap" data-testid="plan-step" data-status={step.status}>
          <Text size="sm" style={{ flex: 1, textDecoration: step.status === 'skipped' ? 'line-through' : undefined }}>
            {step.status === 'done' ? '✓ ' : ''}
            {step.stepOrder}. {step.description}
            {step.estimatedCostMinor ? ` · ${formatMoney(step.estimatedCostMinor, currency)}` : ''}
          </Text>
          {canWrite && stepsOpen && step.status === 'pending' ? (
            <>
              <Button size="compact-xs" variant="light" onClick={() => void act(() => call('plans.settleStep', { stepId: step.id, to: 'done' }))} data-testid="plan-step-done">
                {t('plans.done')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void act(() => call('plans.settleStep', { stepId: step.id, to: 'skipped' }))}>
                {t('plans.skip')}
              </Button>
            </>
          ) : null}
        </Group>
      ))}
      {canWrite && moves.length > 0 ? (
        <Group gap="xs">
          {moves.map((to) => (
            <Button key={to} size="compact-xs" variant="default" onClick={() => void act(() => call('plans.move', { planId: plan.id, to }))} data-testid={`plan-move-${to}`}>
              {t('plans.move', { status: t(`plans.status.${to}`) })}
            </Button>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
