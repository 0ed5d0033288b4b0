/**
 * Vaccinations due and overdue, for reminding owners and patients: as of a
 * day (today in the practice's time zone), within a window, filtered by
 * state and (vet practices) species; each line with who to contact.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Center, Group, Loader, NativeSelect, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { VaccinationsDue } from '../../shared/api/prescribing-types';
import { t } from '../../shared/i18n';
import { call, messageOf } from '../api';
import { DateField } from '../components/DateField';
import { ErrorNote } from '../components/ErrorNote';
import { joinParts } from '../format';
import { useToday } from '../hooks';
import { useNav } from '../stores/nav';
import { useSignedIn } from '../stores/session';

const WINDOWS = ['7', '14', '30', '60', '90'];
type StateFilter = 'all' | 'due' | 'overdue';

function dueText(days: number): string {
  if (days < 0) return t('vx.due.overdueBy', { days: -days });
  return days === 0 ? t('vx.due.today') : t('vx.due.inDays', { days });
}

export function VaccinationsDueScreen() {
  const { practice } = useSignedIn();
  const today = useToday();
  const go = useNav((s) => s.go);
  const [asOf, setAsOf] = useState(today);
  const [windowDays, setWindowDays] = useState('30');
  const [state, setState] = useState<StateFilter>('all');
  const [species, setSpecies] = useState('');
  const [result, setResult] = useState<VaccinationsDue | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Which filters the shown answer is for: loading while they differ from the current ones.
  const [answered, setAnswered] = useState('');
  const filters = JSON.stringify([asOf, windowDays, state, species]);
  const loading = answered !== filters;

  useEffect(() => {
    let live = true;
    call('vaccinations.due', { asOf: asOf || null, windowDays: Number(windowDays), state: state === 'all' ? null : state, species: species || null }).then(
      (due) => {
        if (!live) return;
        setResult(due);
        setError(null);
        setAnswered(filters);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setAnswered(filters);
      },
    );
    return () => {
      live = false;
    };
  }, [asOf, windowDays, state, species, filters]);

  const vet = practice.kind === 'veterinary';
  return (
    <Stack gap="md" maw={1100} data-testid="vaccinations-due" aria-busy={loading}>
      <Title order={3}>{t('vx.due.title')}</Title>
      <Group align="flex-end" gap="md">
        <DateField label={t('vx.due.asOf')} value={asOf} onChange={setAsOf} w={160} data-testid="vx-due-asof" />
        <NativeSelect label={t('vx.due.window')} data={WINDOWS} value={windowDays} onChange={(e) => setWindowDays(e.currentTarget.value)} w={140} data-testid="vx-due-window" />
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('vx.due.show')}
          </Text>
          <SegmentedControl
            value={state}
            onChange={(v) => setState(v as StateFilter)}
            data={[
              { value: 'all', label: t('vx.due.all') },
              { value: 'due', label: t('vx.due.onlyDue') },
              { value: 'overdue', label: t('vx.due.onlyOverdue') },
            ]}
            data-testid="vx-due-state"
          />
        </Stack>
        {vet && practice.allowedSpecies.length > 1 ? (
          <NativeSelect
            label={t('vx.due.species')}
            data={[{ value: '', label: t('vx.due.anySpecies') }, ...practice.allowedSpecies.map((s) => ({ value: s, label: s }))]}
            value={species}
            onChange={(e) => setSpecies(e.currentTarget.value)}
            w={160}
          />
        ) : null}
      </Group>
      <ErrorNote message={error} />
      {!result && loading ? (
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : null}
      {result && result.entries.length === 0 ? (
        <Text c="dimmed" data-testid="vx-due-empty">
          {t('vx.due.empty')}
        </Text>
      ) : null}
      {result && result.entries.length > 0 ? (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('vx.due.patient')}</Table.Th>
              <Table.Th>{t('vx.due.vaccine')}</Table.Th>
              <Table.Th>{t('vx.due.dueOn')}</Table.Th>
              <Table.Th>{t('vx.due.state')}</Table.Th>
              <Table.Th>{t('vx.due.contact')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.entries.map((e) => (
              <Table.Tr key={e.vaccinationId} data-testid="vx-due-row" data-patient-id={e.patientId} data-state={e.state}>
                <Table.Td>
                  <Button variant="subtle" px={0} size="compact-sm" onClick={() => go({ name: 'chart', patientId: e.patientId })}>
                    {e.patientName}
                  </Button>
                </Table.Td>
                <Table.Td>{e.vaccineName}</Table.Td>
                <Table.Td>
                  {e.nextDueOn} <Text span size="xs" c="dimmed">({dueText(e.daysUntilDue)})</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={e.state === 'overdue' ? 'red' : 'yellow'} variant="light">
                    {t(e.state === 'overdue' ? 'vx.state.overdue' : 'vx.state.due')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.contactName}</Text>
                  <Text size="xs" c="dimmed">
                    {joinParts([e.phone, e.email])}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
