/** The chart's prescriptions, newest first: number, items, status; prescribe, print, cancel (with a reason). */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { PrescriptionView } from '../../../shared/api/prescribing-types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { formatDateTime } from '../../format';
import { notify } from '../../stores/notices';
import { ErrorNote } from '../ErrorNote';
import { ReasonDialog } from '../ReasonDialog';
import { PrescribeDialog, savePrescriptionPdf } from './PrescribeDialog';

interface Props {
  patientId: string;
  /** An animal patient's species, for the medication search. */
  species: string | null;
  timeZone: string;
  canWrite: boolean;
}

export function PrescriptionsCard({ patientId, species, timeZone, canWrite }: Props) {
  const [list, setList] = useState<PrescriptionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prescribing, setPrescribing] = useState<{ reissueOf?: PrescriptionView } | null>(null);
  const [cancelling, setCancelling] = useState<PrescriptionView | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    call('prescriptions.forPatient', { patientId }).then(
      (rows) => live && setList(rows),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [patientId, version]);

  const print = (id: string) => savePrescriptionPdf(id).catch((e: unknown) => notify(messageOf(e), 'error'));

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-section-prescriptions">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('rx.card')}</Title>
        {canWrite ? (
          <Button size="xs" variant="light" onClick={() => setPrescribing({})} data-testid="chart-prescribe">
            {t('rx.title')}
          </Button>
        ) : null}
      </Group>
      <ErrorNote message={error} />
      {list && list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rx.none')}
        </Text>
      ) : null}
      <Stack gap={8}>
        {(list ?? []).map((p) => (
          <div key={p.id} data-testid="chart-prescription" data-prescription-number={p.prescriptionNumber} data-status={p.status}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={500} td={p.status === 'cancelled' ? 'line-through' : undefined}>
                {p.prescriptionNumber} · {formatDateTime(p.issuedAt, timeZone, false)} · {t('rx.by', { name: p.prescriberName })}
              </Text>
              <Badge variant="light" size="sm" color={p.status === 'cancelled' ? 'gray' : 'teal'}>
                {t(p.status === 'cancelled' ? 'rx.status.cancelled' : 'rx.status.active')}
              </Badge>
            </Group>
            {p.items.map((it) => (
              <Text key={it.id} size="xs" c="dimmed">
                {it.medicationName}: {it.dose}, {it.frequency}
                {it.duration ? `, ${it.duration}` : ''} · ×{it.quantity}
              </Text>
            ))}
            <Group gap="xs" mt={2}>
              <Button size="compact-xs" variant="subtle" onClick={() => void print(p.id)} data-testid="prescription-pdf">
                {t('rx.printPdf')}
              </Button>
              {canWrite && p.status === 'active' ? (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(p)} data-testid="prescription-cancel">
                  {t('rx.cancel')}
                </Button>
              ) : null}
              {canWrite && p.status === 'cancelled' ? (
                <Button size="compact-xs" variant="subtle" onClick={() => setPrescribing({ reissueOf: p })} data-testid="prescription-reissue">
                  {t('rx.reissue')}
                </Button>
              ) : null}
            </Group>
          </div>
        ))}
      </Stack>
      {prescribing ? (
        <PrescribeDialog
          patientId={patientId}
          visitId={prescribing.reissueOf?.visitId ?? null}
          species={species}
          {...(prescribing.reissueOf ? { reissueOf: prescribing.reissueOf } : {})}
          onClose={() => setPrescribing(null)}
          onIssued={reload}
        />
      ) : null}
      {cancelling ? (
        <ReasonDialog
          title={`${t('rx.cancel')} ${cancelling.prescriptionNumber}`}
          reasonLabel={t('rx.cancelReason')}
          reasonRequired={t('err.required')}
          backLabel={t('common.back')}
          submitLabel={t('rx.cancel')}
          submitColor="red"
          onSubmit={async (reason) => {
            await call('prescriptions.cancel', { prescriptionId: cancelling.id, reason });
            setCancelling(null);
            reload();
          }}
          onClose={() => setCancelling(null)}
          testIds={{ form: 'rx-cancel-form', reason: 'rx-cancel-reason', submit: 'rx-cancel-submit' }}
        />
      ) : null}
    </Card>
  );
}
