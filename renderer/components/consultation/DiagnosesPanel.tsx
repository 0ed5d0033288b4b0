/** The consultation's diagnoses (primary first) and, while a draft, the picker. */
import { Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { ConsultationView } from '../../../shared/api/consultation-types';
import { DIAGNOSIS_STATUSES } from '../../../shared/schemas/consultation';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';
import { useSignedIn } from '../../stores/session';
import { DiagnosisPicker, type DiagnosisChoice } from './DiagnosisPicker';

interface Props {
  view: ConsultationView;
  busy: boolean;
  error: string | undefined;
  fieldErrors: Record<string, string> | undefined;
  onCode: (choice: DiagnosisChoice) => Promise<boolean>;
  /** While a draft: a new status, or made the primary one. */
  onChange: (input: { diagnosisId: string; status?: (typeof DIAGNOSIS_STATUSES)[number]; isPrimary?: boolean }) => Promise<boolean>;
  onRemove: (diagnosisId: string) => Promise<boolean>;
}

export function DiagnosesPanel({ view, busy, error, fieldErrors, onCode, onChange, onRemove }: Props) {
  const draft = view.status === 'draft';
  const { practice } = useSignedIn();
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
            {draft ? (
              <>
                <Select
                  size="xs"
                  w={110}
                  aria-label={t('consultation.diagnosisStatus')}
                  data={[...DIAGNOSIS_STATUSES]}
                  value={d.status}
                  allowDeselect={false}
                  onChange={(v) => v && v !== d.status && void onChange({ diagnosisId: d.id, status: v as (typeof DIAGNOSIS_STATUSES)[number] })}
                  data-testid="diagnosis-status"
                />
                {!d.isPrimary ? (
                  <Button size="compact-xs" variant="subtle" disabled={busy} onClick={() => void onChange({ diagnosisId: d.id, isPrimary: true })} data-testid="diagnosis-make-primary">
                    {t('consultation.makePrimary')}
                  </Button>
                ) : null}
                <Button size="compact-xs" variant="subtle" color="red" disabled={busy} onClick={() => void onRemove(d.id)} data-testid="diagnosis-remove">
                  {t('consultation.remove')}
                </Button>
              </>
            ) : (
              <Badge size="xs" variant="light" color={d.status === 'active' ? 'red' : d.status === 'chronic' ? 'grape' : 'gray'}>
                {d.status}
              </Badge>
            )}
          </Group>
        ))}
        {draft ? (
          <DiagnosisPicker busy={busy} consultationId={view.id} withIcd10={practice.kind === 'medical'} firstIsPrimary={view.diagnoses.length === 0} onCode={onCode} />
        ) : null}
        <ErrorNote message={reasons.length > 0 ? reasons.join(' ') : (error ?? null)} />
      </Stack>
    </Paper>
  );
}
