/** Demographics and account cards: label/value pairs, empty values left out. */
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PatientChart } from '../../../shared/api/types';
import { t, type MessageKey } from '../../../shared/i18n';
import { formatDate, joinParts, labelOf } from '../../format';
import { PatientBadges } from '../PatientBadges';

type Pair = [MessageKey, string | null | undefined];

function Pairs({ pairs }: { pairs: Pair[] }) {
  const shown = pairs.filter(([, v]) => v);
  if (shown.length === 0) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
      {shown.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {t(label)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

export function DemographicsCard({ chart }: { chart: PatientChart }) {
  const p = chart.patient;
  const animal = p.kind === 'animal';
  const pairs: Pair[] = animal
    ? [
        ['field.species', labelOf('species', p.species)],
        ['field.breed', p.breed],
        ['field.colour', p.colour],
        ['field.sex', labelOf('sex', p.sex)],
        ['field.reproductiveStatus', labelOf('reproductive', p.reproductiveStatus)],
        ['field.dateOfBirth', formatDate(p.dateOfBirth)],
        ['field.approximateAge', p.approximateAge],
        ['field.microchip', p.microchipNumber],
        ['field.insurer', p.insurer],
        ['field.policyNumber', p.insurancePolicyNumber],
        ['field.markings', p.markings],
        ['field.notes', p.notes],
      ]
    : [
        ['field.dateOfBirth', formatDate(p.dateOfBirth)],
        ['field.sex', labelOf('sex', p.sex)],
        ['field.idNumber', p.idNumber],
        ['field.phone', p.phone],
        ['field.email', p.email],
        ['field.relationshipToAccount', labelOf('relationship', p.relationshipToAccount)],
        ['field.notes', p.notes],
      ];
  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-demographics">
      <Title order={5} mb="xs">
        {t('chart.demographics')}
      </Title>
      <Pairs pairs={pairs} />
    </Card>
  );
}

interface AccountCardProps {
  chart: PatientChart;
  canEdit: boolean;
  onEdit: () => void;
  onOpenPatient: (patientId: string) => void;
}

export function AccountCard({ chart, canEdit, onEdit, onOpenPatient }: AccountCardProps) {
  const a = chart.account;
  const address = joinParts([a.addressLine1, a.addressLine2, a.city, a.region, a.postalCode], ', ');
  const reminders = joinParts([a.emailReminders ? t('chart.reminders.email') : null, a.smsReminders ? t('chart.reminders.sms') : null], ', ');
  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-account">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('chart.account')}</Title>
        {canEdit ? (
          <Button size="compact-sm" variant="light" onClick={onEdit} data-testid="edit-account">
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="sm">
        <Text fw={600}>{joinParts([a.title, a.firstName, a.lastName], ' ')}</Text>
        <Pairs
          pairs={[
            ['field.phone', a.phonePrimary],
            ['field.phoneSecondary', a.phoneSecondary],
            ['field.email', a.email],
            ['field.idNumber', a.idNumber],
            ['chart.address', address],
            ['field.preferredContact', labelOf('contact', a.preferredContact)],
            ['chart.reminders', reminders || t('common.no')],
            ['field.notes', a.notes],
          ]}
        />
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('chart.otherPatients')}
          </Text>
          {chart.otherPatientsOnAccount.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('common.none')}
            </Text>
          ) : (
            <Stack gap={4}>
              {chart.otherPatientsOnAccount.map((o) => (
                <Group key={o.id} gap="xs">
                  <Anchor component="button" type="button" size="sm" onClick={() => onOpenPatient(o.id)} data-testid="other-patient">
                    {o.displayName}
                  </Anchor>
                  <PatientBadges status={o.status} size="xs" />
                </Group>
              ))}
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
