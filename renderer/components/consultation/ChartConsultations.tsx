/** The patient's consultations on the chart, newest first; each opens the consultation screen. */
import { useEffect, useState } from 'react';
import { Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ConsultationSummary } from '../../../shared/api/consultation-types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { useNav } from '../../stores/nav';
import { ErrorNote } from '../ErrorNote';

export function ChartConsultations({ patientId }: { patientId: string }) {
  const go = useNav((s) => s.go);
  const [items, setItems] = useState<ConsultationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('consultations.forPatient', { patientId })
      .then((found) => live && setItems(found))
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [patientId]);

  return (
    <Paper withBorder p="md" radius="md" data-testid="chart-consultations">
      <Stack gap="xs">
        <Title order={5}>Consultations</Title>
        <ErrorNote message={error} />
        {items?.length === 0 ? <Text c="dimmed" size="sm">—</Text> : null}
        {items?.map((c) => (
          <UnstyledButton key={c.id} onClick={() => go({ name: 'consultation', visitId: c.visitId })} data-testid="chart-consultation">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {new Date(c.startedAt).toLocaleDateString([], { dateStyle: 'medium' })}
              </Text>
              <Text size="sm">{c.chiefComplaint ?? c.primaryDiagnosis ?? t('consultation.title')}</Text>
              <Badge size="xs" color={c.status === 'signed' ? 'green' : 'gray'}>
                {c.status === 'signed' ? 'Signed' : t('consultation.draft')}
              </Badge>
              {c.practitionerName ? (
                <Text size="xs" c="dimmed">
                  {c.practitionerName}
                </Text>
              ) : null}
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
