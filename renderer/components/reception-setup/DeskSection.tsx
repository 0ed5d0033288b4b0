/** This desk's queue-number series and the practice's waiting alert. Enter saves. */
import { useState } from 'react';
import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { ErrorNote } from '../ErrorNote';

interface Props {
  queueSeries: string;
  waitingAlertMinutes: number;
}

export function DeskSection({ queueSeries, waitingAlertMinutes }: Props) {
  const save = useReception((s) => s.saveDesk);
  const [series, setSeries] = useState(queueSeries);
  const [minutes, setMinutes] = useState<number | string>(waitingAlertMinutes);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = series !== queueSeries || minutes !== waitingAlertMinutes;
  const example = /^[A-Z]{1,2}$/.test(series) ? `${series}-1, ${series}-2…` : `${queueSeries}-1, ${queueSeries}-2…`;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[A-Z]{1,2}$/.test(series.trim())) found.queueSeries = t('rxSetup.badSeries');
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 600) {
      found.waitingAlertMinutes = t('err.outOfRange', { min: 1, max: 600 });
    }
    if (Object.keys(found).length > 0 || typeof minutes !== 'number') {
      setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await save({ queueSeries: series.trim(), waitingAlertMinutes: minutes });
      notify(t('rxSetup.deskSaved'));
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
    }
    setBusy(false);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="rx-setup-desk" data-testid="desk-section">
      <Title order={4} id="rx-setup-desk">
        {t('rxSetup.deskTitle')}
      </Title>
      <Paper withBorder radius="md" p="md">
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="desk-form">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('rxSetup.deskIntro')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('rxSetup.series')}
                description={t('rxSetup.seriesHint', { example })}
                required
                maxLength={2}
                autoCapitalize="characters"
                value={series}
                onChange={(e) => setSeries(e.currentTarget.value.toUpperCase())}
                error={errors.queueSeries}
                data-testid="desk-series"
              />
              <NumberInput
                label={t('rxSetup.alertMinutes')}
                description={t('rxSetup.alertHint')}
                required
                min={1}
                max={600}
                allowDecimal={false}
                value={minutes}
                onChange={setMinutes}
                error={errors.waitingAlertMinutes}
                data-testid="desk-alert-minutes"
              />
            </SimpleGrid>
            <ErrorNote message={error} />
            <Group justify="flex-start">
              <Button type="submit" loading={busy} disabled={!dirty && !error} data-testid="desk-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
