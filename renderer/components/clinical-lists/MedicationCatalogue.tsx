/**
 * The Medications tab of Clinical lists: the practice's catalogue with a
 * filter, retired items shown greyed on request, and (for those who keep
 * the catalogue) Add, Edit and Retire / Restore.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Center, Group, Loader, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CatalogueMedication } from '../../../shared/api/catalogue-types';
import { t } from '../../../shared/i18n';
import { notify } from '../../stores/notices';
import { useMedicationCatalogue } from '../../stores/medication-catalogue';
import { useCan, useSignedIn } from '../../stores/session';
import { ErrorNote } from '../ErrorNote';
import { MedicationModal } from './MedicationModal';
import { RetireMedicationDialog } from './RetireMedicationDialog';

const FILTER_DELAY_MS = 200;

export function MedicationCatalogue() {
  const { practice } = useSignedIn();
  const canEdit = useCan('clinical.catalogue');
  const { items, loading, error, load } = useMedicationCatalogue();
  const [filter, setFilter] = useState('');
  const [query] = useDebouncedValue(filter.trim(), FILTER_DELAY_MS);
  const [showRetired, setShowRetired] = useState(false);
  // undefined: closed; null: adding; a medication: editing it.
  const [editing, setEditing] = useState<CatalogueMedication | null | undefined>(undefined);
  const [retiring, setRetiring] = useState<CatalogueMedication | null>(null);

  useEffect(() => {
    void load(query);
  }, [load, query]);

  const shown = (items ?? []).filter((m) => showRetired || m.active);
  const retiredCount = (items ?? []).filter((m) => !m.active).length;
  const vet = practice.kind === 'veterinary';

  return (
    <Stack gap="sm" data-testid="medication-catalogue" aria-busy={loading}>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput
            label={t('catalogue.filter')}
            placeholder={t('catalogue.filterPlaceholder')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            w={320}
            data-testid="catalogue-filter"
          />
          <Switch
            label={`${t('catalogue.showRetired')} (${retiredCount})`}
            checked={showRetired}
            onChange={(e) => setShowRetired(e.currentTarget.checked)}
            mb={8}
            data-testid="catalogue-show-retired"
          />
        </Group>
        {canEdit ? (
          <Button onClick={() => setEditing(null)} data-testid="catalogue-add">
            {t('catalogue.add')}
          </Button>
        ) : null}
      </Group>
      <ErrorNote message={error} />
      <Paper withBorder radius="md">
        {items === null ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : shown.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="catalogue-empty">
            {t('catalogue.empty')}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid="catalogue-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.colName')}</Table.Th>
                <Table.Th>{t('catalogue.colStrength')}</Table.Th>
                <Table.Th>{t('catalogue.colForm')}</Table.Th>
                <Table.Th>{t('catalogue.colCategory')}</Table.Th>
                <Table.Th>{t('catalogue.colSchedule')}</Table.Th>
                {vet ? <Table.Th>{t('catalogue.colSpecies')}</Table.Th> : null}
                <Table.Th>{t('catalogue.colStatus')}</Table.Th>
                {canEdit ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((m) => (
                <Table.Tr
                  key={m.id}
                  data-testid="medication-row"
                  data-id={m.id}
                  data-name={m.name}
                  data-active={m.active ? 'true' : 'false'}
                  style={{ opacity: m.active ? 1 : 0.5 }}
                >
                  <Table.Td fw={500}>
                    {m.name}
                    {m.genericName ? (
                      <Text size="xs" c="dimmed">
                        {m.genericName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{m.strength}</Table.Td>
                  <Table.Td>{m.form}</Table.Td>
                  <Table.Td>{m.category}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {m.schedule}
                      {m.isControlled ? (
                        <Badge size="xs" color="red" variant="light">
                          {t('catalogue.controlled')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  {vet ? <Table.Td>{m.species ?? t('catalogue.anySpecies')}</Table.Td> : null}
                  <Table.Td>
                    <Badge variant="light" color={m.active ? 'teal' : 'gray'} data-testid="medication-row-status">
                      {m.active ? t('catalogue.active') : t('catalogue.retiredBadge')}
                    </Badge>
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td ta="right">
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button variant="subtle" size="xs" onClick={() => setEditing(m)} aria-label={t('catalogue.editOf', { name: m.name })} data-testid="medication-edit">
                          {t('common.edit')}
                        </Button>
                        <Button
                          variant="subtle"
                          size="xs"
                          color={m.active ? 'red' : 'teal'}
                          onClick={() => setRetiring(m)}
                          aria-label={m.active ? t('catalogue.retireOf', { name: m.name }) : t('catalogue.restoreOf', { name: m.name })}
                          data-testid={m.active ? 'medication-retire' : 'medication-restore'}
                        >
                          {m.active ? t('catalogue.retire') : t('catalogue.restore')}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing !== undefined ? (
        <MedicationModal
          key={editing?.id ?? 'new'}
          medication={editing}
          practice={practice}
          onSaved={(saved) => {
            notify(t('catalogue.saved', { name: saved.name }));
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      {retiring ? (
        <RetireMedicationDialog
          medication={retiring}
          onDone={(saved) => {
            notify(saved.active ? t('catalogue.restoredDone', { name: saved.name }) : t('catalogue.retiredDone', { name: saved.name }));
            setRetiring(null);
          }}
          onClose={() => setRetiring(null)}
        />
      ) : null}
    </Stack>
  );
}
