/** One medication on the prescription: dose, frequency, duration, quantity, refills, instructions; its allergy override. */
import { ActionIcon, Alert, Badge, Card, Grid, Group, Text, TextInput, Textarea } from '@mantine/core';
import { t } from '../../../shared/i18n';
import type { DraftItem } from './prescribe-draft';

interface Props {
  item: DraftItem;
  index: number;
  errors: Record<string, string>;
  allergens: string[] | undefined;
  onChange: (item: DraftItem) => void;
  onRemove: () => void;
}

export function ItemFields({ item, index, errors, allergens, onChange, onRemove }: Props) {
  const field = (name: 'dose' | 'frequency' | 'duration' | 'quantity' | 'refills', label: string, span: number) => (
    <Grid.Col span={span}>
      <TextInput
        label={label}
        size="xs"
        required={name === 'dose' || name === 'frequency' || name === 'quantity'}
        value={item[name]}
        error={errors[name]}
        onChange={(e) => onChange({ ...item, [name]: e.currentTarget.value })}
        data-testid={`rx-${name}-${index}`}
      />
    </Grid.Col>
  );
  return (
    <Card withBorder padding="sm" data-testid="rx-item" data-medication-name={item.medication.name}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {index + 1}. {item.medication.name}
          </Text>
          {item.medication.isControlled ? (
            <Badge color="orange" variant="light" size="sm">
              {t('rx.controlled', { schedule: item.medication.schedule ?? '' })}
            </Badge>
          ) : null}
        </Group>
        <ActionIcon variant="subtle" color="gray" aria-label={t('rx.removeItem')} onClick={onRemove}>
          ×
        </ActionIcon>
      </Group>
      {errors.medicationId ? (
        <Alert color="red" variant="light" p="xs" mb={6} role="alert" data-testid={`rx-item-error-${index}`}>
          {errors.medicationId}
        </Alert>
      ) : null}
      <Grid gap="xs">
        {field('dose', t('rx.dose'), 4)}
        {field('frequency', t('rx.frequency'), 5)}
        {field('duration', t('rx.duration'), 3)}
        {field('quantity', t('rx.quantity'), 3)}
        {field('refills', t('rx.refills'), 3)}
        <Grid.Col span={12}>
          <Textarea
            label={t('rx.instructions')}
            size="xs"
            autosize
            minRows={1}
            value={item.instructions}
            error={errors.instructions}
            onChange={(e) => onChange({ ...item, instructions: e.currentTarget.value })}
            data-testid={`rx-instructions-${index}`}
          />
        </Grid.Col>
      </Grid>
      {allergens ? (
        <Alert color="red" variant="light" mt="xs" p="xs" title={t('rx.allergyWarning', { allergens: allergens.join(', ') })} data-testid={`rx-allergy-${index}`}>
          <TextInput
            label={t('rx.overrideReason')}
            size="xs"
            value={item.overrideReason}
            onChange={(e) => onChange({ ...item, overrideReason: e.currentTarget.value })}
            data-testid={`rx-override-${index}`}
          />
        </Alert>
      ) : null}
    </Card>
  );
}
