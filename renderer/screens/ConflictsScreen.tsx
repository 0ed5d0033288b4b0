/** The conflict inbox: every open conflict this user may settle, side by side (ARCHITECTURE §4). */
import { useEffect, useState } from 'react';
import { Loader, Stack, Text, Title } from '@mantine/core';
import type { ConflictView } from '../../shared/api/conflict-types';
import { t } from '../../shared/i18n';
import { messageOf } from '../api';
import { ConflictCard } from '../components/conflicts/ConflictCard';
import { ErrorNote } from '../components/ErrorNote';
import { useConflicts } from '../stores/conflicts';
import { useNav } from '../stores/nav';
import { notify } from '../stores/notices';
import { useSignedIn } from '../stores/session';

export function ConflictsScreen() {
  const session = useSignedIn();
  const conflicts = useConflicts((s) => s.conflicts);
  const loading = useConflicts((s) => s.loading);
  const loaded = useConflicts((s) => s.loaded);
  const loadError = useConflicts((s) => s.error);
  const load = useConflicts((s) => s.load);
  const resolve = useConflicts((s) => s.resolve);
  const go = useNav((s) => s.go);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const settle = async (conflict: ConflictView, input: Parameters<typeof resolve>[0]) => {
    setBusy(conflict.id);
    setError(null);
    try {
      await resolve(input);
      notify(t('conflicts.resolved'));
    } catch (e) {
      setError(messageOf(e));
      await load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md" maw={1100} data-testid="conflicts-screen">
      <Title order={2}>{t('conflicts.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('conflicts.intro')}
      </Text>
      <ErrorNote message={error ?? loadError} />
      {loading && conflicts.length === 0 ? <Loader size="sm" /> : null}
      {loaded && !loading && conflicts.length === 0 ? (
        <Text data-testid="conflicts-empty">{t('conflicts.empty')}</Text>
      ) : null}
      {conflicts.map((conflict) => (
        <ConflictCard
          key={conflict.id}
          conflict={conflict}
          timeZone={session.practice.timeZone}
          busy={busy !== null}
          onKeep={(version) => void settle(conflict, { conflictId: conflict.id, choice: 'keep', version: version.hlc })}
          onCombine={(text) => void settle(conflict, { conflictId: conflict.id, choice: 'combine', text })}
          onOpenPatient={(patientId) => go({ name: 'chart', patientId })}
        />
      ))}
    </Stack>
  );
}
