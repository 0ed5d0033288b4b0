/**
 * The chart's vaccinations, newest first, with "Record vaccination", the
 * certificate PDF, and per dose "Entered in error" (with a reason): a marked
 * dose stays listed, struck through, with who marked it, when and why.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { VaccinationView } from '../../../shared/api/prescribing-types';
import { clinicDay } from '../../../shared/domain/practice-time';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { formatDateTime, joinParts } from '../../format';
import { downloadBase64 } from '../../reception';
import { notify } from '../../stores/notices';
import { ErrorNote } from '../ErrorNote';
import { ReasonDialog } from '../ReasonDialog';
import { RecordVaccinationDialog } from './RecordVaccinationDialog';

interface Props {
  patientId: string;
  timeZone: string;
  today: string;
  canWrite: boolean;
}

export function VaccinationsCard({ patientId, timeZone, today, canWrite }: Props) {
  const [list, setList] = useState<VaccinationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [marking, setMarking] = useState<VaccinationView | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    call('vaccinations.forPatient', { patientId }).then(
      (rows) => live && setList(rows),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [patientId, version]);

  const certificate = async () => {
    try {
      const file = await call('vaccinations.certificate', { patientId });
      downloadBase64(file.fileName, file.pdfBase64);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-section-vaccinations">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('vx.card')}</Title>
        <Group gap="xs">
          {list && list.length > 0 ? (
            <Button size="xs" variant="subtle" onClick={() => void certificate()} data-testid="vx-certificate">
              {t('vx.certificate')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button size="xs" variant="light" onClick={() => setRecording(true)} data-testid="chart-record-vaccination">
              {t('vx.record')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <ErrorNote message={error} />
      {list && list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('vx.none')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {(list ?? []).map((v) => {
          const struck = v.enteredInError ? 'line-through' : undefined;
          return (
            <div key={v.id} data-testid="chart-vaccination" data-vaccine={v.vaccineName} data-entered-in-error={v.enteredInError ? 'true' : 'false'}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="sm" fw={500} td={struck} c={v.enteredInError ? 'dimmed' : undefined}>
                    {clinicDay(v.givenAt, timeZone)} · {v.vaccineName}
                    {v.nextDueOn ? ` · ${t('vx.nextDueOn')} ${v.nextDueOn}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed" td={struck}>
                    {joinParts([v.manufacturer, v.lotNumber ? `${t('vx.lotNumber')} ${v.lotNumber}` : null, v.site, v.givenByName])}
                  </Text>
                </div>
                {canWrite && !v.enteredInError ? (
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => setMarking(v)} data-testid="vx-enter-in-error">
                    {t('vx.enterInError')}
                  </Button>
                ) : null}
              </Group>
              {v.enteredInError ? (
                <Text size="xs" c="red" data-testid="vx-entered-in-error">
                  {t('vx.enteredInError', {
                    reason: v.enteredInError.reason,
                    who: v.enteredInError.byName ?? '?',
                    when: formatDateTime(v.enteredInError.at, timeZone, false),
                  })}
                </Text>
              ) : null}
            </div>
          );
        })}
      </Stack>
      {recording ? (
        <RecordVaccinationDialog
          patientId={patientId}
          visitId={null}
          timeZone={timeZone}
          today={today}
          onClose={() => setRecording(false)}
          onRecorded={(v) => {
            setRecording(false);
            notify(t('vx.recorded', { vaccine: v.vaccineName }), 'success');
            reload();
          }}
        />
      ) : null}
      {marking ? (
        <ReasonDialog
          title={t('vx.enterInErrorTitle', { vaccine: marking.vaccineName, day: clinicDay(marking.givenAt, timeZone) })}
          reasonLabel={t('vx.enterInErrorReason')}
          reasonHint={t('vx.enterInErrorHint')}
          reasonRequired={t('err.required')}
          backLabel={t('common.back')}
          submitLabel={t('vx.enterInError')}
          submitColor="red"
          onSubmit={async (reason) => {
            const marked = await call('vaccinations.enterInError', { vaccinationId: marking.id, reason });
            setMarking(null);
            notify(t('vx.markedInError', { vaccine: marked.vaccineName }), 'success');
            reload();
          }}
          onClose={() => setMarking(null)}
          testIds={{ form: 'vx-error-form', reason: 'vx-error-reason', submit: 'vx-error-submit' }}
        />
      ) : null}
    </Card>
  );
}
