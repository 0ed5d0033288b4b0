/**
 * Pick a patient by typing: name, phone, account or ID. ↑/↓ move, Enter picks.
 * Once picked the patient shows as a line with a "Change" button.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { PatientSearchHit } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { joinParts } from '../../format';

export interface PickedPatient {
  id: string;
  name: string;
}

interface Props {
  value: PickedPatient | null;
  onChange: (patient: PickedPatient | null) => void;
  /** Prefix of the test ids: `<prefix>-patient-search`, `<prefix>-patient-hit`. */
  testIdPrefix: string;
  autoFocus?: boolean;
  error?: string | null;
}

const LIMIT = 8;

export function PatientPicker({ value, onChange, testIdPrefix, autoFocus, error }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<PatientSearchHit[]>([]);
  const [selected, setSelected] = useState(0);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const trimmed = query.trim();
    const mine = ++seq.current;
    if (!trimmed) return;
    const timer = setTimeout(() => {
      call('patients.search', { query: trimmed, limit: LIMIT })
        .then((found) => {
          if (mine !== seq.current) return;
          setHits(found);
          setSelected(0);
          setSearching(false);
          setSearchError(null);
        })
        .catch((e: unknown) => {
          if (mine !== seq.current) return;
          setHits([]);
          setSearching(false);
          setSearchError(messageOf(e));
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  const type = (next: string) => {
    setQuery(next);
    if (next.trim()) {
      setSearching(true);
    } else {
      seq.current += 1;
      setHits([]);
      setSearching(false);
    }
  };

  const pick = (hit: PatientSearchHit | undefined) => {
    if (!hit) return;
    onChange({ id: hit.patientId, name: hit.displayName });
    setQuery('');
    setHits([]);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((i) => Math.min(hits.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && hits.length > 0) {
      event.preventDefault();
      event.stopPropagation();
      pick(hits[selected]);
    }
  };

  if (value) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('booking.patient')}
        </Text>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} data-testid={`${testIdPrefix}-patient-chosen`}>
            {value.name}
          </Text>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => {
              onChange(null);
              setTimeout(() => inputRef.current?.focus(), 0);
            }}
          >
            {t('booking.changePatient')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const listId = `${testIdPrefix}-patient-hits`;
  return (
    <Stack gap={4}>
      <TextInput
        ref={inputRef}
        label={t('booking.patient')}
        placeholder={t('booking.patientPlaceholder')}
        value={query}
        onChange={(e) => type(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-autofocus={autoFocus ? true : undefined}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits[selected] ? `${listId}-${selected}` : undefined}
        rightSection={searching ? <Loader size="xs" /> : null}
        error={searchError ?? error ?? undefined}
        data-testid={`${testIdPrefix}-patient-search`}
      />
      {hits.length > 0 ? (
        <Paper withBorder radius="sm" role="listbox" id={listId} aria-label={t('search.results')}>
          {hits.map((hit, index) => (
            <Group
              key={hit.patientId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === selected}
              className="pd-result-row"
              px="sm"
              py={6}
              justify="space-between"
              wrap="nowrap"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(hit)}
              onMouseMove={() => setSelected(index)}
              data-testid={`${testIdPrefix}-patient-hit`}
              data-patient-id={hit.patientId}
            >
              <Text size="sm" fw={600} truncate>
                {hit.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {joinParts([hit.accountName, hit.phone])}
              </Text>
            </Group>
          ))}
        </Paper>
      ) : null}
      {query.trim() && !searching && hits.length === 0 && !searchError ? (
        <Text size="xs" c="dimmed">
          {t('common.noMatches')}
        </Text>
      ) : null}
    </Stack>
  );
}
