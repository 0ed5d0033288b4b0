/** The consultation's diagnoses (primary first) and, while a draft, the picker. */
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ConsultationView } from '../../../shared/api/consultation-types';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';
import { DiagnosisPicker, type DiagnosisChoice } from './DiagnosisPicker';

interface Props {
  view: ConsultationView;
  busy: boolean;
  error: string | undefined;
  fieldErrors: Record<string, string> | undefined;
  onCode: (choice: DiagnosisChoice) => Promise<boolean>;
}

export function DiagnosesPanel({ view, busy, error, fieldErrors, onCode }: Props) {
  const reasons = Object.values(fieldErrors ?? {});
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={5}>{t('consultation.diagnoses')}</Title>
        {view.diagnoses.map((d) => (
          <Group key={d.id} gap="xs" data-testid="diagnosis-row" data-code={d.code ?? ''}>
            {d.code ? (
              <Text fw={700} fz="sm">
                {d.code}
              </Text>
            ) : null}
            <Text fz="sm">{d.description}</Text>
            {d.isPrimary ? (
              <Badge size="xs" data-testid="diagnosis-is-primary">
                {t('consultation.primary')}
              </Badge>
            ) : null}
            <Badge size="xs" variant="light" color={d.status === 'active' ? 'red' : d.status === 'chronic' ? 'grape' : 'gray'}>
              {d.status}
            </Badge>
          </Group>
        ))}
        {view.status === 'draft' ? <DiagnosisPicker busy={busy} firstIsPrimary={view.diagnoses.length === 0} onCode={onCode} /> : null}
        <ErrorNote message={reasons.length > 0 ? reasons.join(' ') : (error ?? null)} />
      </Stack>
    </Paper>
  );
}
