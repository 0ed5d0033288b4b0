/**
 * One conflict side by side: the field and the patient, then each version
 * with who wrote it and when (practice time), "Keep this one" under each, and
 * for clinical text "Combine…" (a text prefilled with every version).
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { ConflictVersionView, ConflictView } from '../../../shared/api/conflict-types';
import { t } from '../../../shared/i18n';
import { formatDateTime, labelOf } from '../../format';

const STATUS_LABELS: Record<string, string> = { visit: 'visitStatus', appointment: 'apptStatus' };

export function fieldLabel(conflict: ConflictView): string {
  return labelOf('conflicts.field', `${conflict.table}.${conflict.column}`);
}

function valueText(conflict: ConflictView, value: ConflictVersionView['value']): string {
  if (value === null || value === '') return t('conflicts.empty.value');
  if (conflict.kind === 'status') return labelOf(STATUS_LABELS[conflict.table] ?? conflict.table, String(value));
  return String(value);
}

interface Props {
  conflict: ConflictView;
  timeZone: string;
  busy: boolean;
  onKeep(version: ConflictVersionView): void;
  onCombine(text: string): void;
  onOpenPatient(patientId: string): void;
}

export function ConflictCard({ conflict, timeZone, busy, onKeep, onCombine, onOpenPatient }: Props) {
  const [combining, setCombining] = useState(false);
  const [text, setText] = useState('');
  const startCombining = () => {
    setText(conflict.versions.map((v) => (v.value === null ? '' : String(v.value))).filter(Boolean).join('\n\n'));
    setCombining(true);
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={fieldLabel(conflict)} data-testid="conflict" data-conflict-id={conflict.id}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Text fw={600} data-testid="conflict-field">
              {fieldLabel(conflict)}
            </Text>
            <Badge variant="light" color={conflict.kind === 'status' ? 'orange' : 'blue'}>
              {t(`conflicts.kind.${conflict.kind}`)}
            </Badge>
            {conflict.recordRemovedAt ? (
              <Badge variant="light" color="gray" data-testid="conflict-removed">
                {t('conflicts.recordRemoved')}
              </Badge>
            ) : null}
          </Group>
          {conflict.patientId ? (
            <Anchor component="button" type="button" size="sm" onClick={() => onOpenPatient(conflict.patientId!)} data-testid="conflict-patient">
              {conflict.patientName ?? conflict.patientId}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('conflicts.noPatient')}
            </Text>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: Math.min(conflict.versions.length, 3) }} spacing="md">
          {conflict.versions.map((version, i) => (
            <Paper key={version.hlc} withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="conflict-version">
              <Stack gap="xs" h="100%" justify="space-between">
                <Stack gap={4}>
                  <Text size="xs" c="dimmed">
                    {t('conflicts.version', { n: i + 1 })} ·{' '}
                    <span data-testid="conflict-version-by">
                      {t('conflicts.by', { name: version.authorName ?? t('conflicts.unknownAuthor'), time: formatDateTime(version.at, timeZone, false) })}
                    </span>
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-version-value">
                    {valueText(conflict, version.value)}
                  </Text>
                </Stack>
                <Button size="xs" variant="light" disabled={busy} onClick={() => onKeep(version)} data-testid="conflict-keep">
                  {t('conflicts.keep')}
                </Button>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
        {conflict.kind === 'clinical-text' && !combining ? (
          <Group>
            <Button size="xs" variant="subtle" disabled={busy} onClick={startCombining} data-testid="conflict-combine">
              {t('conflicts.combine')}
            </Button>
          </Group>
        ) : null}
        {combining ? (
          <Stack gap="xs">
            <Textarea
              label={t('conflicts.combineTitle')}
              description={t('conflicts.combineHint')}
              autosize
              minRows={3}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autoFocus
              data-testid="conflict-combined-text"
            />
            <Group gap="xs">
              <Button size="xs" disabled={busy} onClick={() => onCombine(text)} data-testid="conflict-combine-save">
                {t('conflicts.combineSave')}
              </Button>
              <Button size="xs" variant="default" disabled={busy} onClick={() => setCombining(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
