/**
 * Vital signs: checked as you type against the patient's species (the same
 * rules the core refuses with); impossible values are errors, unusual ones
 * are highlighted. Earlier recordings are listed, unusual values marked.
 */
import { useState } from 'react';
import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ConsultationView } from '../../../shared/api/consultation-types';
import { checkVitals, VITAL_FIELDS, VITAL_UNITS, type VitalField, type Vitals } from '../../../shared/clinical/vital-ranges';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';

const LABELS: Record<VitalField, string> = {
  temperature_c: 'Temperature',
  weight_kg: 'Weight',
  heart_rate_bpm: 'Heart rate',
  respiratory_rate_bpm: 'Respiratory rate',
  bp_systolic: 'BP systolic',
  bp_diastolic: 'BP diastolic',
  body_condition_score: 'Body condition (1–9)',
  pain_score: 'Pain (0–10)',
};

interface Props {
  view: ConsultationView;
  busy: boolean;
  error: string | undefined;
  fieldErrors: Record<string, string> | undefined;
  onRecord: (vitals: Vitals) => Promise<boolean>;
}

export function VitalsForm({ view, busy, error, fieldErrors, onRecord }: Props) {
  const [values, setValues] = useState<Partial<Record<VitalField, string | number>>>({});
  const signed = view.status === 'signed';
  const fields = VITAL_FIELDS.filter((f) => view.species !== null || f !== 'body_condition_score');
  const numbers: Vitals = Object.fromEntries(fields.map((f) => [f, typeof values[f] === 'number' ? values[f] : null]));
  const check = checkVitals(view.species, numbers);
  const blocked = Object.keys(check.errors).length > 0 || fields.every((f) => numbers[f] === null);

  const record = async () => {
    if (blocked) return;
    if (await onRecord(numbers)) setValues({});
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={5}>{t('consultation.vitals')}</Title>
        {view.vitals.length > 0 ? (
          <Table striped withTableBorder fz="sm" data-testid="vitals-table">
            <Table.Tbody>
              {view.vitals.map((v) => (
                <Table.Tr key={v.id} data-testid="vitals-row">
                  <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{new Date(v.recordedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      {fields
                        .filter((f) => v.values[f] !== null && v.values[f] !== undefined)
                        .map((f) => (
                          <Text key={f} size="sm" mr="sm" style={{ whiteSpace: 'nowrap' }} c={v.unusual[f] ? 'orange' : undefined} fw={v.unusual[f] ? 700 : undefined} title={v.unusual[f]} data-unusual={v.unusual[f] ? 'true' : undefined}>
                            {LABELS[f]} {v.values[f]}
                            {VITAL_UNITS[f] ? ` ${VITAL_UNITS[f]}` : ''}
                          </Text>
                        ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {!signed ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void record();
            }}
          >
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
              {fields.map((f) => (
                <NumberInput
                  key={f}
                  size="xs"
                  label={`${LABELS[f]}${VITAL_UNITS[f] ? ` (${VITAL_UNITS[f]})` : ''}`}
                  value={values[f] ?? ''}
                  onChange={(value) => setValues((s) => ({ ...s, [f]: value }))}
                  decimalScale={f === 'temperature_c' ? 1 : f === 'weight_kg' ? 3 : 0}
                  hideControls
                  error={check.errors[f] ?? fieldErrors?.[f]}
                  description={check.unusual[f]}
                  classNames={check.unusual[f] ? { input: 'pd-vital-unusual' } : undefined}
                  styles={check.unusual[f] ? { input: { borderColor: 'var(--mantine-color-orange-6)', background: 'var(--mantine-color-orange-0)' }, description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
                  data-testid={`vital-${f}`}
                  data-unusual={check.unusual[f] ? 'true' : undefined}
                />
              ))}
            </SimpleGrid>
            <ErrorNote message={error ?? null} />
            <Group mt="xs">
              <Button type="submit" size="xs" loading={busy} disabled={blocked} data-testid="record-vitals">
                {t('consultation.recordVitals')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
