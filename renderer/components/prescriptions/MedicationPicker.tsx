/** Type a name or ingredient; pick from the practice's catalogue. */
import { useEffect, useState } from 'react';
import { Badge, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import type { MedicationView } from '../../../shared/api/prescribing-types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { joinParts } from '../../format';
import { ErrorNote } from '../ErrorNote';

const SEARCH_DELAY_MS = 150;

/** `species`: an animal patient's, so items for other species stay out of the list. */
export function MedicationPicker({ species, onPick }: { species: string | null; onPick: (medication: MedicationView) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<MedicationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('medications.search', { query, species, limit: 12 }).then(
        (list) => {
          if (!live) return;
          setHits(list);
          setError(null);
        },
        (e: unknown) => live && setError(messageOf(e)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, species]);

  return (
    <Stack gap={4}>
      <TextInput
        label={t('rx.searchMedication')}
        placeholder={t('rx.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-autofocus
        data-testid="rx-search"
      />
      <ErrorNote message={error} />
      {hits && hits.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rx.noMedications')}
        </Text>
      ) : null}
      <Stack gap={2} mah={180} style={{ overflowY: 'auto' }}>
        {(hits ?? []).map((m) => (
          <UnstyledButton key={m.id} onClick={() => onPick(m)} data-testid="rx-result" data-medication-name={m.name} px={6} py={3}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm">{m.name}</Text>
                <Text size="xs" c="dimmed">
                  {joinParts([m.genericName, m.form, m.category])}
                </Text>
              </div>
              {m.isControlled ? (
                <Badge color="orange" variant="light" size="sm">
                  {t('rx.controlled', { schedule: m.schedule ?? '' })}
                </Badge>
              ) : null}
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Stack>
  );
}
