/** One line of the chart timeline: when, what kind, what, and its status or flag. */
import { Badge, Group, Text } from '@mantine/core';
import type { TimelineEntry } from '../../../shared/api/clinical-record-types';
import { formatMoney } from '../../../shared/domain/money';
import { t, type MessageKey } from '../../../shared/i18n';
import { formatDateTime, joinParts } from '../../format';

const FLAG_COLOURS: Record<string, string> = { high: 'orange', low: 'blue', critical: 'red', abnormal: 'orange', removed: 'gray' };

/** Statuses in the practice's words where the catalogue has them (plans, lab flags); others as stored. */
function statusLabel(entry: TimelineEntry): string {
  const status = entry.status ?? '';
  if (entry.type === 'treatment_plan') return t(`plans.status.${status}` as MessageKey);
  if (entry.type === 'vaccination') return t(`vx.status.${status}` as MessageKey);
  if (entry.type === 'lab_result') {
    const [flag, ...rest] = status.split(' ');
    return [t(`labs.flag.${flag}` as MessageKey), ...rest].join(' ');
  }
  return status;
}

export function TimelineEntryRow({ entry, timeZone, currency }: { entry: TimelineEntry; timeZone: string; currency: string }) {
  const when = entry.at.length === 10 ? entry.at : formatDateTime(entry.at, timeZone, false);
  const flag = entry.status?.split(' ')[0] ?? '';
  return (
    <Group gap="sm" wrap="nowrap" align="baseline" data-testid="timeline-entry" data-type={entry.type} data-id={entry.id}>
      <Text size="xs" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {when}
      </Text>
      <Badge size="xs" variant="light" w={110} style={{ flexShrink: 0 }}>
        {t(`timeline.type.${entry.type}`)}
      </Badge>
      <Text size="sm" style={{ flex: 1 }}>
        <b>{entry.title}</b>
        {entry.detail || entry.amountMinor !== null
          ? ` · ${joinParts([entry.detail, entry.amountMinor !== null ? formatMoney(entry.amountMinor, currency) : null])}`
          : ''}
      </Text>
      {entry.status && entry.status !== 'normal' ? (
        <Badge size="xs" variant="outline" color={FLAG_COLOURS[flag] ?? 'gray'} data-testid="timeline-status">
          {statusLabel(entry)}
        </Badge>
      ) : null}
    </Group>
  );
}
