/** A practitioner's week: per weekday, zero or more HH:mm–HH:mm intervals, each field with its own message. */
import { Button, CloseButton, Group, Stack, Table, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { t } from '../../../shared/i18n';
import { WEEK_ORDER, dayName, fieldKey, nextInterval, type Interval, type Week } from './hours';

interface Props {
  week: Week;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (week: Week) => void;
}

export function WorkingHoursEditor({ week, errors, disabled, onChange }: Props) {
  const setDay = (weekday: number, day: Interval[]) => onChange(week.map((d, i) => (i === weekday ? day : d)));
  const patch = (weekday: number, index: number, change: Partial<Interval>) =>
    setDay(
      weekday,
      (week[weekday] ?? []).map((interval, i) => (i === index ? { ...interval, ...change } : interval)),
    );
  const monday = week[1] ?? [];
  const copyMonday = () => onChange(week.map((day, weekday) => (weekday >= 2 && weekday <= 5 ? monday.map((i) => ({ ...i })) : day)));

  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text fw={500} size="sm">
            {t('rxSetup.hours')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('rxSetup.hoursHint')}
          </Text>
        </div>
        <Button variant="subtle" size="xs" onClick={copyMonday} disabled={disabled || monday.length === 0} data-testid="hours-copy-monday">
          {t('rxSetup.copyMonday')}
        </Button>
      </Group>
      {week.every((day) => day.length === 0) ? (
        <Text size="sm" c="dimmed" data-testid="hours-empty">
          {t('rxSetup.noHours')}
        </Text>
      ) : null}
      <Table verticalSpacing={4} withRowBorders={false} data-testid="hours-editor">
        <Table.Tbody>
          {WEEK_ORDER.map((weekday) => {
            const day = week[weekday] ?? [];
            const name = dayName(weekday);
            return (
              <Table.Tr key={weekday} data-testid={`hours-day-${weekday}`} data-count={day.length}>
                <Table.Td w={110} style={{ verticalAlign: 'top', paddingTop: 10 }}>
                  <Text size="sm">{name}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="sm" align="flex-start">
                    {day.length === 0 ? (
                      <Text size="sm" c="dimmed" pt={6}>
                        {t('rxSetup.dayOff')}
                      </Text>
                    ) : null}
                    {day.map((interval, index) => (
                      <Group key={index} gap={4} align="flex-start" wrap="nowrap">
                        <TimeInput
                          size="xs"
                          w={110}
                          aria-label={t('rxSetup.startOn', { day: name, n: index + 1 })}
                          value={interval.start}
                          onChange={(e) => patch(weekday, index, { start: e.currentTarget.value })}
                          error={errors[fieldKey(weekday, index, 'start')]}
                          disabled={disabled}
                          data-testid={`hours-${weekday}-${index}-start`}
                        />
                        <Text size="sm" pt={4}>
                          –
                        </Text>
                        <TimeInput
                          size="xs"
                          w={110}
                          aria-label={t('rxSetup.endOn', { day: name, n: index + 1 })}
                          value={interval.end}
                          onChange={(e) => patch(weekday, index, { end: e.currentTarget.value })}
                          error={errors[fieldKey(weekday, index, 'end')]}
                          disabled={disabled}
                          data-testid={`hours-${weekday}-${index}-end`}
                        />
                        <CloseButton
                          size="sm"
                          mt={4}
                          aria-label={t('rxSetup.removeIntervalOn', { day: name, start: interval.start, end: interval.end })}
                          onClick={() => setDay(weekday, day.filter((_, i) => i !== index))}
                          disabled={disabled}
                          data-testid={`hours-${weekday}-${index}-remove`}
                        />
                      </Group>
                    ))}
                    <Button
                      variant="light"
                      size="xs"
                      onClick={() => setDay(weekday, [...day, nextInterval(day)])}
                      aria-label={t('rxSetup.addIntervalOn', { day: name })}
                      disabled={disabled}
                      data-testid={`hours-${weekday}-add`}
                    >
                      {t('rxSetup.addInterval')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
