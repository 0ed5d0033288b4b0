/** The chart's appointments, newest first (a merged patient's are its survivor's). */
import { useEffect, useState } from 'react';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { AppointmentView } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { formatDateTime, labelOf } from '../../format';
import { ErrorNote } from '../ErrorNote';

export function AppointmentsCard({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const [appointments, setAppointments] = useState<AppointmentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('appointments.forPatient', { patientId }).then(
      (list) => current && setAppointments(list),
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [patientId]);

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-section-appointments">
      <Title order={5} mb="xs">
        {t('chart.appointments')}
      </Title>
      <ErrorNote message={error} />
      {appointments && appointments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.noAppointments')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {(appointments ?? []).map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="chart-appointment" data-appointment-id={a.id}>
            <Text size="sm">
              {formatDateTime(a.startAt, timeZone, false)} · {a.serviceName} · {a.practitionerName}
            </Text>
            <Badge variant="light" size="sm">
              {labelOf('apptStatus', a.status)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
