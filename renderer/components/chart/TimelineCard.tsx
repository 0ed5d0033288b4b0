/**
 * The chart timeline: everything on the chart, newest first, filterable by
 * kind with chips; "Older" fetches the next page by the keyset cursor.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Chip, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { TimelineEntry, TimelinePage } from '../../../shared/api/clinical-record-types';
import { TIMELINE_TYPES, type TimelineType } from '../../../shared/clinical/timeline-types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';
import { TimelineEntryRow } from './TimelineEntryRow';

const PAGE = 25;

interface Props {
  patientId: string;
  timeZone: string;
  currency: string;
  /** Moves when a record was added on the chart: the timeline reloads. */
  version: number;
}

export function TimelineCard({ patientId, timeZone, currency, version }: Props) {
  const [types, setTypes] = useState<TimelineType[]>([]);
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [next, setNext] = useState<TimelinePage['next']>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('chart.timeline', { patientId, limit: PAGE, ...(types.length ? { types } : {}) }).then(
      (page) => {
        if (!live) return;
        setEntries(page.entries);
        setNext(page.next);
        setError(null);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [patientId, types, version]);

  const older = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await call('chart.timeline', { patientId, limit: PAGE, before: next, ...(types.length ? { types } : {}) });
      setEntries((list) => [...(list ?? []), ...page.entries]);
      setNext(page.next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-timeline">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('timeline.title')}</Title>
        {busy ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
      </Group>
      <Chip.Group multiple value={types} onChange={(v) => setTypes(v as TimelineType[])}>
        <Group gap={6} mb="sm" data-testid="timeline-filters">
          {TIMELINE_TYPES.map((type) => (
            <Chip key={type} value={type} size="xs" data-testid={`timeline-filter-${type}`}>
              {t(`timeline.type.${type}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <ErrorNote message={error} />
      {entries && entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="timeline-empty">
          {types.length ? t('timeline.emptyFiltered') : t('timeline.empty')}
        </Text>
      ) : null}
      <Stack gap={4}>
        {(entries ?? []).map((entry) => (
          <TimelineEntryRow key={`${entry.type}:${entry.id}`} entry={entry} timeZone={timeZone} currency={currency} />
        ))}
      </Stack>
      {next ? (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={() => void older()} disabled={busy} data-testid="timeline-older">
            {t('timeline.older')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
