import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { PatientChart } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { ageText, formatDate, joinParts, labelOf } from '../../format';
import { PatientBadges } from '../PatientBadges';
import { SEVERITY_COLOURS } from './recordKinds';

export function patientName(p: PatientChart['patient']): string {
  return joinParts([p.firstName, p.lastName], ' ');
}

/** Name, age, sex, species and identifiers: who this chart is about, at a glance. */
export function ChartHeader({ chart, today, canEdit, onEdit }: { chart: PatientChart; today: string; canEdit: boolean; onEdit: () => void }) {
  const p = chart.patient;
  const animal = p.kind === 'animal';
  const age = ageText(p.dateOfBirth, p.approximateAge, today);
  const sex = joinParts([p.sex !== 'unknown' && labelOf('sex', p.sex), p.reproductiveStatus !== 'unknown' && labelOf('reproductive', p.reproductiveStatus)], ', ');
  const facts = animal
    ? joinParts([labelOf('species', p.species), p.breed, p.colour, sex, age])
    : joinParts([sex, age, p.dateOfBirth ? t('search.born', { date: formatDate(p.dateOfBirth) }) : null]);
  const ids = joinParts([
    p.microchipNumber ? t('search.microchip', { number: p.microchipNumber }) : null,
    p.idNumber ? t('search.idNumber', { number: p.idNumber }) : null,
  ]);
  return (
    <Paper withBorder radius="md" p="md" data-testid="chart-header">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} data-testid="chart-patient-name">
              {patientName(p)}
            </Title>
            <PatientBadges status={p.status} />
            {p.status === 'deceased' && p.deceasedDate ? (
              <Text size="sm" c="dimmed">
                {formatDate(p.deceasedDate)}
              </Text>
            ) : null}
          </Group>
          <Text data-testid="chart-facts">{facts}</Text>
          {animal ? (
            <Text size="sm" c="dimmed">
              {t('chart.owner', { name: joinParts([chart.account.title, chart.account.firstName, chart.account.lastName], ' ') })}
            </Text>
          ) : null}
          {ids ? (
            <Text size="sm" c="dimmed" data-testid="chart-ids">
              {ids}
            </Text>
          ) : null}
        </Stack>
        {canEdit ? (
          <Button variant="default" onClick={onEdit} data-testid="edit-patient">
            {t('chart.editPatient')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** Allergies first and loud; "none recorded" is said explicitly, never implied by a blank. */
export function AllergyBanner({ allergies }: { allergies: PatientChart['allergies'] }) {
  if (allergies.length === 0) {
    return (
      <Alert color="gray" variant="light" data-testid="allergy-banner" data-allergies="0" title={t('chart.allergiesTitle')}>
        {t('chart.noKnownAllergies')}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="filled" data-testid="allergy-banner" data-allergies={allergies.length} title={t('chart.allergiesTitle')} role="alert">
      <Group gap="xs">
        {allergies.map((a) => (
          <Badge key={a.id} size="lg" radius="sm" variant="white" color={SEVERITY_COLOURS[a.severity] === 'red' ? 'red' : 'orange'} data-testid="allergy-item">
            {a.allergen} · {labelOf('severity', a.severity)}
          </Badge>
        ))}
      </Group>
    </Alert>
  );
}

/** Patient and account alerts, and behavioural notes, where nobody can miss them. */
export function AlertsPanel({ chart }: { chart: PatientChart }) {
  const { patient, account } = chart;
  if (!patient.alerts && !account.alerts && !patient.behaviouralNotes) return null;
  return (
    <Stack gap="xs">
      {patient.alerts ? (
        <Alert color="orange" variant="light" title={t('chart.alerts')} data-testid="chart-alerts">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {patient.alerts}
          </Text>
        </Alert>
      ) : null}
      {account.alerts ? (
        <Alert color="orange" variant="light" title={t('chart.accountAlerts')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {account.alerts}
          </Text>
        </Alert>
      ) : null}
      {patient.behaviouralNotes ? (
        <Alert color="yellow" variant="light" title={t('field.behaviouralNotes')} data-testid="chart-behaviour">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {patient.behaviouralNotes}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
