/** The picker's results: the practice's own codes, then ICD-10-CM, as one keyboard list (listbox). */
import { Badge, Group, Paper, Text } from '@mantine/core';
import { t } from '../../../shared/i18n';

export interface DiagnosisOption {
  system: 'PRACTICE' | 'ICD-10';
  /** What is sent to codeDiagnosis. */
  code: string;
  /** What the clinician reads ("J45.909", "FLUTD"). */
  label: string;
  title: string;
  /** ICD-10 category rows are false: they guide the search but cannot be coded. */
  billable: boolean;
}

export const isPickable = (o: DiagnosisOption) => o.billable;

interface Props {
  options: readonly DiagnosisOption[];
  active: number;
  onHover: (index: number) => void;
  onPick: (option: DiagnosisOption) => void;
}

export function DiagnosisResults({ options, active, onHover, onPick }: Props) {
  const mixed = options.some((o) => o.system === 'PRACTICE') && options.some((o) => o.system === 'ICD-10');
  return (
    <Paper withBorder role="listbox" id="diagnosis-results" data-testid="icd10-results">
      {options.map((o, i) => {
        const heading = mixed && (i === 0 || options[i - 1]!.system !== o.system);
        return (
          <div key={`${o.system}-${o.code}`}>
            {heading ? (
              <Text fz="xs" fw={700} c="dimmed" px="xs" pt={4} role="presentation">
                {o.system === 'PRACTICE' ? t('consultation.practiceList') : t('consultation.icd10List')}
              </Text>
            ) : null}
            <Group
              id={`dx-${o.system}-${o.code}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={!o.billable}
              gap="xs"
              px="xs"
              py={4}
              wrap="nowrap"
              bg={i === active ? 'var(--mantine-color-blue-light)' : undefined}
              style={{ cursor: o.billable ? 'pointer' : 'default' }}
              onMouseEnter={() => onHover(i)}
              onClick={() => onPick(o)}
              data-testid={o.system === 'PRACTICE' ? 'practice-code-hit' : 'icd10-hit'}
              data-code={o.label}
              data-billable={o.billable ? 'true' : 'false'}
            >
              <Text fw={700} w={90} fz="sm" c={o.billable ? undefined : 'dimmed'}>
                {o.label}
              </Text>
              <Text fz="sm" c={o.billable ? undefined : 'dimmed'} style={{ flex: 1 }}>
                {o.title}
              </Text>
              {!o.billable ? (
                <Badge size="xs" variant="outline" color="gray">
                  category
                </Badge>
              ) : null}
              {o.system === 'PRACTICE' && mixed ? (
                <Badge size="xs" variant="light">
                  {t('consultation.practiceList')}
                </Badge>
              ) : null}
            </Group>
          </div>
        );
      })}
    </Paper>
  );
}
