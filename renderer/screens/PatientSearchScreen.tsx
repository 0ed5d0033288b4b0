/**
 * The home screen: type to find a patient by name, phone, account name, ID or
 * microchip number. ↑/↓ move through the results, Enter opens the chart.
 */
import { useEffect, useRef } from 'react';
import { Button, Center, Group, Kbd, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { t } from '../../shared/i18n';
import { SEARCH_LIMIT, usePatientSearch } from '../stores/patients';
import { useDiary } from '../stores/diary';
import { useNav } from '../stores/nav';
import { useCan } from '../stores/session';
import { modKeyLabel, useToday } from '../hooks';
import { SearchResultRow } from '../components/SearchResultRow';
import { ErrorNote } from '../components/ErrorNote';

const ROW_HEIGHT = 64;

export function PatientSearchScreen() {
  const { query, hits, answered, searching, error, selected, setQuery, move, select } = usePatientSearch();
  const focusTick = useNav((s) => s.focusSearchTick);
  const go = useNav((s) => s.go);
  const canWrite = useCan('patients.write');
  const canBook = useCan('appointments.write');
  const openBooking = useDiary((s) => s.openBooking);
  const today = useToday();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read in render only
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusTick]);

  // Coming back to the list (e.g. after registering or editing): ask again so it is current.
  useEffect(() => {
    usePatientSearch.getState().refresh();
  }, []);

  useEffect(() => {
    if (hits.length > 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, hits.length, virtualizer]);

  const open = (index: number) => {
    const hit = hits[index];
    if (hit) go({ name: 'chart', patientId: hit.patientId });
  };

  /** Ctrl/Cmd+B on a result: book that patient (the booking dialog opens with them chosen). */
  const book = (index: number) => {
    const hit = hits[index];
    if (hit && canBook) openBooking({ patient: { id: hit.patientId, name: hit.displayName } });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'b') {
      event.preventDefault();
      book(selected);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'PageDown') {
      event.preventDefault();
      move(8);
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      move(-8);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(selected);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  const trimmed = query.trim();
  const showNoResults = trimmed !== '' && !searching && !error && answered === trimmed && hits.length === 0;
  const activeId = hits[selected] ? `search-result-${selected}` : undefined;

  return (
    <Stack gap="md" h="calc(100dvh - 52px - 30px - 2 * var(--mantine-spacing-lg))">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('search.title')}</Title>
        {canWrite ? (
          <Button variant="light" onClick={() => go({ name: 'register' })} data-testid="search-register">
            {t('search.registerNew')}
          </Button>
        ) : null}
      </Group>
      <TextInput
        ref={inputRef}
        size="md"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="patient-search-results"
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        rightSection={searching ? <Loader size="xs" /> : <Kbd size="xs">{modKeyLabel} K</Kbd>}
        rightSectionWidth={56}
        data-testid="patient-search"
      />
      <ErrorNote message={error} />

      {trimmed === '' ? (
        <Center py="xl" data-testid="search-empty">
          <Text c="dimmed">{t('search.empty')}</Text>
        </Center>
      ) : null}

      {showNoResults ? (
        <Center py="xl" data-testid="search-no-results">
          <Stack align="center" gap="sm">
            <Text c="dimmed">{t('search.noResults', { query: trimmed })}</Text>
            {canWrite ? (
              <Button onClick={() => go({ name: 'register' })} data-testid="no-results-register">
                {t('search.registerNew')}
              </Button>
            ) : null}
          </Stack>
        </Center>
      ) : null}

      {hits.length > 0 ? (
        <Paper withBorder radius="sm" style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
          <div
            ref={listRef}
            id="patient-search-results"
            role="listbox"
            aria-label={t('search.results')}
            style={{ height: '100%', overflowY: 'auto' }}
            data-testid="search-results"
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const hit = hits[row.index];
                if (!hit) return null;
                return (
                  <div
                    key={hit.patientId}
                    style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                  >
                    <SearchResultRow
                      id={`search-result-${row.index}`}
                      hit={hit}
                      today={today}
                      selected={row.index === selected}
                      onOpen={() => open(row.index)}
                      onHover={() => (row.index !== selected ? select(row.index) : undefined)}
                    />
                  </div>
                );
              })}
            </div>
          </div>
        </Paper>
      ) : null}
      {hits.length > 0 ? (
        <Text size="xs" c="dimmed">
          {hits.length >= SEARCH_LIMIT ? t('search.countCapped', { count: hits.length }) : t('search.count', { count: hits.length })} · {t('search.keysHint')}
          {canBook ? ` · ${t('search.bookHint', { mod: modKeyLabel })}` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}
