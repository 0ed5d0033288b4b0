/**
 * Possible duplicate patients (ARCHITECTURE §4): each pair with why it
 * matches, "Not the same patient" (hides it on every desk) and "Merge…".
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DuplicatePair, DuplicatePatientSummary } from '../../shared/api/duplicate-types';
import { t, type MessageKey } from '../../shared/i18n';
import { messageOf } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { MergeDialog } from '../components/duplicates/MergeDialog';
import { formatDate, joinParts } from '../format';
import { useDuplicates } from '../stores/duplicates';
import { useNav } from '../stores/nav';
import { notify } from '../stores/notices';

function PatientSummary({ patient, onOpen }: { patient: DuplicatePatientSummary; onOpen(): void }) {
  return (
    <Stack gap={2}>
      <Button variant="subtle" px={0} onClick={onOpen} style={{ alignSelf: 'flex-start' }}>
        {patient.displayName}
      </Button>
      <Text size="sm" c="dimmed">
        {joinParts([patient.accountName, patient.phone, patient.species, patient.dateOfBirth ? formatDate(patient.dateOfBirth) : null])}
      </Text>
      {patient.microchipNumber ? <Text size="xs" c="dimmed">{patient.microchipNumber}</Text> : null}
    </Stack>
  );
}

export function DuplicatesScreen() {
  const pairs = useDuplicates((s) => s.pairs);
  const loading = useDuplicates((s) => s.loading);
  const loaded = useDuplicates((s) => s.loaded);
  const loadError = useDuplicates((s) => s.error);
  const load = useDuplicates((s) => s.load);
  const dismiss = useDuplicates((s) => s.dismiss);
  const go = useNav((s) => s.go);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const notSame = async (pair: DuplicatePair) => {
    setBusy(pair.id);
    setError(null);
    try {
      await dismiss(pair);
      notify(t('dup.dismissed'));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md" maw={1100} data-testid="duplicates-screen">
      <Title order={2}>{t('dup.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('dup.intro')}
      </Text>
      <ErrorNote message={error ?? loadError} />
      {loading && pairs.length === 0 ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {loaded && !loading && pairs.length === 0 ? <Text data-testid="duplicates-empty">{t('dup.empty')}</Text> : null}
      {pairs.map((pair) => (
        <Paper key={pair.id} withBorder radius="md" p="md" data-testid="duplicate-pair" data-pair-id={pair.id}>
          <Stack gap="xs">
            <Group gap="xs">
              {pair.reasons.map((reason) => (
                <Badge key={reason} variant="light" data-testid="duplicate-reason">
                  {t(`dup.reason.${reason}` as MessageKey)}
                </Badge>
              ))}
            </Group>
            <SimpleGrid cols={2}>
              <PatientSummary patient={pair.patientA} onOpen={() => go({ name: 'chart', patientId: pair.patientA.patientId })} />
              <PatientSummary patient={pair.patientB} onOpen={() => go({ name: 'chart', patientId: pair.patientB.patientId })} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" loading={busy === pair.id} disabled={busy !== null} onClick={() => void notSame(pair)} data-testid="duplicate-dismiss">
                {t('dup.notSame')}
              </Button>
              <Button disabled={busy !== null} onClick={() => setMerging(pair)} data-testid="duplicate-merge">
                {t('dup.merge')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
      {merging ? (
        <MergeDialog
          pair={merging}
          onClose={() => setMerging(null)}
          onMerged={(_result, names) => {
            setMerging(null);
            notify(t('merge.done', names));
          }}
        />
      ) : null}
    </Stack>
  );
}
