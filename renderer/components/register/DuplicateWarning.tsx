import { Alert, Badge, Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { DuplicateCandidate } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { formatDate, joinParts, labelOf } from '../../format';

interface Props {
  candidates: DuplicateCandidate[];
  /** The core refused the registration until the user confirms. */
  blocking: boolean;
  busy: boolean;
  onOpen: (patientId: string) => void;
  onRegisterAnyway: () => void;
}

/** Patients already on file that look like this one, and why. */
export function DuplicateWarning({ candidates, blocking, busy, onOpen, onRegisterAnyway }: Props) {
  if (candidates.length === 0) return null;
  return (
    <Alert
      color={blocking ? 'red' : 'yellow'}
      variant="light"
      title={blocking ? t('err.duplicates') : t('register.possibleDuplicates', { count: candidates.length })}
      data-testid="duplicate-warning"
      role={blocking ? 'alert' : 'status'}
    >
      <Stack gap="xs">
        {blocking ? <Text size="sm">{t('register.duplicatesExplain')}</Text> : null}
        <ScrollArea.Autosize mah={180} type="auto">
          <Stack gap="xs">
            {candidates.map((c) => (
              <Group key={c.patientId} justify="space-between" wrap="nowrap" data-testid="duplicate-candidate">
                <div>
                  <Text size="sm" fw={600}>
                    {c.displayName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {joinParts([c.accountName, c.phone, c.dateOfBirth ? t('search.born', { date: formatDate(c.dateOfBirth) }) : null])}
                  </Text>
                  <Group gap={4} mt={2}>
                    {c.reasons.map((r) => (
                      <Badge key={r} size="xs" variant="outline" color={blocking ? 'red' : 'yellow'}>
                        {labelOf('duplicateReason', r)}
                      </Badge>
                    ))}
                  </Group>
                </div>
                <Button size="xs" variant="default" onClick={() => onOpen(c.patientId)}>
                  {t('register.openChart')}
                </Button>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {blocking ? (
          <Group justify="flex-end">
            <Button color="red" variant="filled" loading={busy} onClick={onRegisterAnyway} data-testid="register-anyway">
              {t('register.registerAnyway')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
