/** The chart's lab results, newest first, flags highlighted; corrected results struck through. */
import { useState } from 'react';
import { Badge, Button, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { LabResultView } from '../../../shared/api/clinical-record-types';
import { t } from '../../../shared/i18n';
import { call } from '../../api';
import { formatDateTime, joinParts } from '../../format';
import { ErrorNote } from '../ErrorNote';
import { LabResultForm } from './LabResultForm';
import { useLoaded } from './useLoaded';

const FLAG_COLOURS: Record<string, string> = { normal: 'gray', low: 'blue', high: 'orange', critical: 'red', abnormal: 'orange' };

interface Props {
  patientId: string;
  timeZone: string;
  canWrite: boolean;
  version: number;
  onChanged: () => void;
}

export function LabResultsCard({ patientId, timeZone, canWrite, version, onChanged }: Props) {
  const { value: results, error } = useLoaded(() => call('labs.forPatient', { patientId }), [patientId, version]);
  const [form, setForm] = useState<{ correcting: LabResultView | null } | null>(null);

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-lab-results">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('labs.title')}</Title>
        {canWrite ? (
          <Button size="xs" variant="light" onClick={() => setForm({ correcting: null })} data-testid="lab-add">
            {t('labs.add')}
          </Button>
        ) : null}
      </Group>
      <ErrorNote message={error} />
      {results && results.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('labs.empty')}
        </Text>
      ) : null}
      <ScrollArea.Autosize mah={360} type="auto">
        <Stack gap={6}>
          {(results ?? []).map((r) => (
            <Group key={r.id} gap="sm" wrap="nowrap" data-testid="lab-result" data-flag={r.flag} data-test={r.testName}>
              <Text size="xs" c="dimmed" w={120}>
                {formatDateTime(r.resultedAt, timeZone, false)}
              </Text>
              <Text size="sm" style={{ flex: 1, textDecoration: r.correctedById ? 'line-through' : undefined }}>
                <b>{r.testName}</b> {r.value}
                {r.unit ? ` ${r.unit}` : ''}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {joinParts([
                    r.referenceLow !== null || r.referenceHigh !== null ? `${r.referenceLow ?? '…'}–${r.referenceHigh ?? '…'}` : null,
                    r.correctsId ? t('labs.correction') : null,
                    r.correctedById ? t('labs.corrected') : null,
                  ])}
                </Text>
              </Text>
              {r.flag !== 'normal' ? (
                <Badge size="sm" color={FLAG_COLOURS[r.flag]} variant={r.flag === 'critical' ? 'filled' : 'light'} data-testid="lab-flag">
                  {t(`labs.flag.${r.flag}`)}
                </Badge>
              ) : null}
              {canWrite && !r.correctedById ? (
                <Button size="compact-xs" variant="subtle" onClick={() => setForm({ correcting: r })}>
                  {t('labs.correct')}
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      {form ? (
        <LabResultForm
          patientId={patientId}
          timeZone={timeZone}
          correcting={form.correcting}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
