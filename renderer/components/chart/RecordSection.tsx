/** One list on the chart (allergies, contacts, …) with add, edit and remove. */
import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { PatientChart } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { RECORD_KINDS, type RecordRow } from './recordKinds';
import { RecordModal } from './RecordModal';
import { RemoveRecordModal } from './RemoveRecordModal';
import type { ChartRecordKind } from '../../../shared/schemas/patient';

interface Props {
  kind: ChartRecordKind;
  chart: PatientChart;
  canEdit: boolean;
  onSave: (kind: ChartRecordKind, id: string | undefined, fields: Record<string, string | boolean>) => Promise<void>;
  onRemove: (kind: ChartRecordKind, id: string, reason: string) => Promise<void>;
}

type Dialog = { type: 'edit'; row: RecordRow | null } | { type: 'remove'; row: RecordRow } | null;

export function RecordSection({ kind, chart, canEdit, onSave, onRemove }: Props) {
  const spec = RECORD_KINDS[kind];
  const rows = spec.rows(chart);
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <Card withBorder radius="md" padding="md" data-testid={`chart-section-${kind}`}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t(spec.title)}</Title>
        {canEdit && rows !== null ? (
          <Button size="compact-sm" variant="light" onClick={() => setDialog({ type: 'edit', row: null })} data-testid={`add-${kind}`}>
            {t(spec.addLabel)}
          </Button>
        ) : null}
      </Group>
      {rows === null ? (
        <Text size="sm" c="dimmed" data-testid="not-available">
          {t('chart.notAvailable')}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((row) => {
            const sum = spec.summary(row);
            return (
              <Group key={row.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid={`record-${kind}`}>
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {sum.primary}
                    </Text>
                    {sum.badge ? (
                      <Badge size="xs" color={sum.badge.color} variant="light">
                        {sum.badge.label}
                      </Badge>
                    ) : null}
                  </Group>
                  {sum.secondary ? (
                    <Text size="xs" c="dimmed">
                      {sum.secondary}
                    </Text>
                  ) : null}
                </div>
                {canEdit ? (
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ type: 'edit', row })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ type: 'remove', row })}>
                      {t('common.remove')}
                    </Button>
                  </Group>
                ) : null}
              </Group>
            );
          })}
        </Stack>
      )}
      {dialog?.type === 'edit' ? (
        <RecordModal spec={spec} row={dialog.row} onSave={(fields) => onSave(kind, dialog.row?.id, fields)} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.type === 'remove' ? (
        <RemoveRecordModal
          itemLabel={t(spec.itemName)}
          description={spec.summary(dialog.row).primary}
          onRemove={(reason) => onRemove(kind, dialog.row.id, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Card>
  );
}
