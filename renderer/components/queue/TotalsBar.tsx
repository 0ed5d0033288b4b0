/** The day's numbers: visits, money charged and taken (by method), refunds, and the practitioner/centre split. */
import { Group, Paper, Stack, Text } from '@mantine/core';
import type { DayTotals } from '../../../shared/api/reception-types';
import { formatMoney } from '../../../shared/domain/money';
import { PAYMENT_METHODS } from '../../../shared/schemas/reception';
import { t } from '../../../shared/i18n';
import { labelOf } from '../../format';

function Figure({ label, value, testId, sub }: { label: string; value: string; testId: string; sub?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={`${testId}-value`}>
        {value}
      </Text>
      {sub ? (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      ) : null}
    </Stack>
  );
}

export function TotalsBar({ totals, currency }: { totals: DayTotals; currency: string }) {
  const money = (minor: number) => formatMoney(minor, currency);
  const methods = PAYMENT_METHODS.filter((m) => (totals.byMethod[m] ?? 0) !== 0)
    .map((m) => `${labelOf('method', m)} ${money(totals.byMethod[m])}`)
    .join(' · ');
  return (
    <Paper withBorder radius="md" px="md" py="xs" data-testid="day-totals">
      <Group gap="lg" wrap="wrap">
        <Figure label={t('totals.visits')} value={String(totals.visits)} testId="totals-visits" />
        <Figure label={t('totals.waiting')} value={String(totals.waiting)} testId="totals-waiting" />
        <Figure label={t('totals.completed')} value={String(totals.completed)} testId="totals-completed" />
        <Figure label={t('totals.charged')} value={money(totals.chargedMinor)} testId="totals-charged" />
        <Figure label={t('totals.taken')} value={money(totals.takenMinor)} testId="totals-taken" sub={methods || undefined} />
        <Figure label={t('totals.refunded')} value={money(totals.refundedMinor)} testId="totals-refunded" />
        <Figure label={t('totals.practitionerShare')} value={money(totals.practitionerShareMinor)} testId="totals-practitioner-share" />
        <Figure label={t('totals.centreShare')} value={money(totals.centreShareMinor)} testId="totals-centre-share" />
      </Group>
    </Paper>
  );
}
