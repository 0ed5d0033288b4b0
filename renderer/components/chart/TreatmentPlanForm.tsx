/** A new treatment plan: title, and steps with estimates (the plan's estimate is their sum). */
import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { formatMoney, parseMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';

interface Props {
  patientId: string;
  currency: string;
  onSaved: () => void;
  onClose: () => void;
}

export function TreatmentPlanForm({ patientId, currency, onSaved, onClose }: Props) {
  const [title, setTitle] = useState('');
  const [steps, setSteps] = useState([{ description: '', cost: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const costs = steps.map((s) => (s.cost.trim() === '' ? 0 : parseMoney(s.cost, currency)));
  const total = costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (costs.some((c) => c === null)) {
      setError(t('plans.badAmount'));
      return;
    }
    setBusy(true);
    try {
      await call('plans.create', {
        patientId,
        title,
        steps: steps.filter((s) => s.description.trim()).map((s, i) => ({ description: s.description, estimatedCostMinor: costs[i] ?? 0 })),
      });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const setStep = (i: number, patch: Partial<{ description: string; cost: string }>) =>
    setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <Modal opened onClose={onClose} title={t('plans.add')} size="lg">
      <form onSubmit={(e) => void submit(e)} data-testid="plan-form">
        <Stack gap="sm">
          <ErrorNote message={error} />
          <TextInput label={t('plans.planTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required data-testid="plan-title" />
          {steps.map((s, i) => (
            <Group key={i} gap="xs" align="flex-end">
              <TextInput style={{ flex: 1 }} label={`${t('plans.step')} ${i + 1}`} value={s.description} onChange={(e) => setStep(i, { description: e.currentTarget.value })} data-testid="plan-step-description" />
              <TextInput w={120} label={t('plans.stepCost')} value={s.cost} onChange={(e) => setStep(i, { cost: e.currentTarget.value })} data-testid="plan-step-cost" />
              {steps.length > 1 ? (
                <ActionIcon variant="subtle" color="gray" aria-label="×" onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              ) : null}
            </Group>
          ))}
          <Group justify="space-between">
            <Button size="xs" variant="subtle" onClick={() => setSteps((list) => [...list, { description: '', cost: '' }])} data-testid="plan-add-step">
              {t('plans.addStep')}
            </Button>
            <Text size="sm">{t('plans.estimate', { amount: formatMoney(total, currency) })}</Text>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="plan-save">
              {t('plans.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
