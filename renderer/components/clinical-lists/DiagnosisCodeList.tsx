/**
 * The Diagnosis codes tab of Clinical lists: the practice's own coded list
 * (what a veterinary practice codes with), filtered as you type, retired
 * codes on request; those who keep the lists add, edit, retire / restore
 * (restore is the undo of retire) and import a CSV file, all or nothing.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Center, FileButton, Group, Loader, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import type { DiagnosisCodeView } from '../../../shared/api/diagnosis-code-types';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { useDiagnosisCodes } from '../../stores/diagnosis-codes';
import { notify } from '../../stores/notices';
import { useCan, useSignedIn } from '../../stores/session';
import { ErrorNote } from '../ErrorNote';
import { DiagnosisCodeModal } from './DiagnosisCodeModal';

const matches = (c: DiagnosisCodeView, filter: string) =>
  filter === '' || [c.code, c.description, ...c.synonyms].some((s) => s.toLowerCase().includes(filter));

export function DiagnosisCodeList() {
  const { practice } = useSignedIn();
  const canEdit = useCan('clinical.catalogue');
  const { items, error, load, setActive, importCsv } = useDiagnosisCodes();
  const [filter, setFilter] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  // undefined: closed; null: adding; a code: editing it.
  const [editing, setEditing] = useState<DiagnosisCodeView | null | undefined>(undefined);
  const [actionError, setActionError] = useState<{ message: string; lines: string[] } | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const typed = filter.trim().toLowerCase();
  const shown = (items ?? []).filter((c) => (showRetired || c.isActive) && matches(c, typed));
  const retiredCount = (items ?? []).filter((c) => !c.isActive).length;
  const vet = practice.kind === 'veterinary';

  const toggle = async (c: DiagnosisCodeView) => {
    try {
      await setActive(c.id, !c.isActive);
      setActionError(null);
      notify(`${c.code}: ${c.isActive ? t('dxcodes.retired') : t('dxcodes.restore')}`);
    } catch (e) {
      setActionError({ message: messageOf(e), lines: [] });
    }
  };
  const importFile = async (file: File | null) => {
    if (!file) return;
    setImporting(true);
    try {
      const result = await importCsv(await file.text());
      setActionError(null);
      notify(t('dxcodes.imported', { ...result }));
    } catch (e) {
      setActionError({ message: messageOf(e), lines: (fieldErrorsOf(e).csv ?? '').split('\n').filter((l) => l !== '') });
    } finally {
      setImporting(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="diagnosis-code-list">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput label={t('dxcodes.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={320} data-testid="dxcodes-filter" />
          <Switch label={`${t('dxcodes.showRetired')} (${retiredCount})`} checked={showRetired} onChange={(e) => setShowRetired(e.currentTarget.checked)} mb={8} data-testid="dxcodes-show-retired" />
        </Group>
        {canEdit ? (
          <Group>
            <FileButton onChange={(f) => void importFile(f)} accept=".csv,text/csv">
              {(props) => (
                <Button variant="default" loading={importing} title={t('dxcodes.importHelp')} {...props} data-testid="dxcodes-import">
                  {t('dxcodes.import')}
                </Button>
              )}
            </FileButton>
            <Button onClick={() => setEditing(null)} data-testid="dxcodes-add">
              {t('dxcodes.add')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorNote message={error} />
      <ErrorNote message={actionError?.message ?? null} extra={actionError?.lines} />
      <Paper withBorder radius="md">
        {items === null ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : shown.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="dxcodes-empty">
            {items.length === 0 ? t('dxcodes.empty') : t('common.noMatches')}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid="dxcodes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dxcodes.code')}</Table.Th>
                <Table.Th>{t('dxcodes.description')}</Table.Th>
                {vet ? <Table.Th>{t('dxcodes.species')}</Table.Th> : null}
                <Table.Th>{t('dxcodes.synonyms')}</Table.Th>
                {canEdit ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.id} data-testid="dxcode-row" data-code={c.code} data-active={c.isActive ? 'true' : 'false'} style={{ opacity: c.isActive ? 1 : 0.5 }}>
                  <Table.Td fw={700}>{c.code}</Table.Td>
                  <Table.Td>
                    {c.description}{' '}
                    {!c.isActive ? (
                      <Badge size="xs" color="gray" variant="light">
                        {t('dxcodes.retired')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  {vet ? <Table.Td>{c.species.length > 0 ? c.species.join(', ') : t('dxcodes.anySpecies')}</Table.Td> : null}
                  <Table.Td c="dimmed" fz="sm">
                    {c.synonyms.join('; ')}
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td ta="right">
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button variant="subtle" size="xs" onClick={() => setEditing(c)} data-testid="dxcode-edit">
                          {t('common.edit')}
                        </Button>
                        <Button variant="subtle" size="xs" color={c.isActive ? 'red' : 'teal'} onClick={() => void toggle(c)} data-testid={c.isActive ? 'dxcode-retire' : 'dxcode-restore'}>
                          {c.isActive ? t('dxcodes.retire') : t('dxcodes.restore')}
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
        <DiagnosisCodeModal
          key={editing?.id ?? 'new'}
          code={editing}
          practice={practice}
          onSaved={(saved) => {
            notify(`${saved.code}: ${saved.description}`);
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </Stack>
  );
}
