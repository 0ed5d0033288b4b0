import { Group, Stack, Text } from '@mantine/core';
import type { PatientSearchHit } from '../../shared/api/types';
import { t } from '../../shared/i18n';
import { ageText, formatDate, joinParts, labelOf } from '../format';
import { PatientBadges } from './PatientBadges';

interface Props {
  hit: PatientSearchHit;
  today: string;
  selected: boolean;
  id: string;
  onOpen: () => void;
  onHover: () => void;
}

function detailLine(hit: PatientSearchHit, today: string): string {
  const age = ageText(hit.dateOfBirth, hit.approximateAge, today);
  if (hit.kind === 'animal') {
    return joinParts([labelOf('species', hit.species), hit.breed, hit.sex !== 'unknown' && labelOf('sex', hit.sex), age]);
  }
  return joinParts([hit.dateOfBirth ? t('search.born', { date: formatDate(hit.dateOfBirth) }) : null, age, hit.sex !== 'unknown' && labelOf('sex', hit.sex)]);
}

/** One patient in the search results: who, whose, how to reach them, and any flags. */
export function SearchResultRow({ hit, today, selected, id, onOpen, onHover }: Props) {
  const identifier = hit.microchipNumber
    ? t('search.microchip', { number: hit.microchipNumber })
    : hit.idNumber
      ? t('search.idNumber', { number: hit.idNumber })
      : '';
  return (
    <Group
      id={id}
      role="option"
      aria-selected={selected}
      className="pd-result-row"
      h="100%"
      px="md"
      wrap="nowrap"
      justify="space-between"
      gap="md"
      onClick={onOpen}
      onMouseMove={onHover}
      data-testid="search-result"
      data-patient-id={hit.patientId}
    >
      <Stack gap={2} style={{ flex: 2, minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} truncate data-testid="search-result-name">
            {hit.displayName}
          </Text>
          <PatientBadges status={hit.status} hasAlerts={hit.hasAlerts} size="xs" />
        </Group>
        <Text size="sm" c="dimmed" truncate>
          {detailLine(hit, today)}
        </Text>
      </Stack>
      <Stack gap={2} style={{ flex: 1.5, minWidth: 0 }}>
        <Text size="sm" truncate>
          {hit.accountName}
        </Text>
        <Text size="sm" c="dimmed" truncate>
          {hit.phone}
        </Text>
      </Stack>
      <Text size="sm" c="dimmed" ta="right" style={{ flex: 1, minWidth: 0 }} truncate>
        {identifier}
      </Text>
    </Group>
  );
}
