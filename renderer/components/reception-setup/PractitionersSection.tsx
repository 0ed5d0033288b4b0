/** The practice's doctors and nurses (vets and technicians), each with services and hours. */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { Practitioner, ServiceType } from '../../../shared/api/reception-types';
import type { PracticeKind } from '../../../shared/domain/species';
import { t } from '../../../shared/i18n';
import { useNav } from '../../stores/nav';
import { useCan } from '../../stores/session';
import { PractitionerCard } from './PractitionerCard';

interface Props {
  practitioners: Practitioner[];
  services: ServiceType[];
  kind: PracticeKind;
}

export function PractitionersSection({ practitioners, services, kind }: Props) {
  const canStaff = useCan('staff.manage');
  const go = useNav((s) => s.go);
  return (
    <Stack gap="sm" component="section" aria-labelledby="rx-setup-practitioners" data-testid="practitioners-section">
      <Title order={4} id="rx-setup-practitioners">
        {t('rxSetup.practitionersTitle')}
      </Title>
      {practitioners.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text c="dimmed" data-testid="practitioners-empty">
            {kind === 'veterinary' ? t('rxSetup.practitionersEmpty.veterinary') : t('rxSetup.practitionersEmpty.medical')}{' '}
            {canStaff ? (
              <Anchor component="button" type="button" onClick={() => go({ name: 'staff' })} data-testid="practitioners-go-staff">
                {t('rxSetup.goStaff')}
              </Anchor>
            ) : null}
          </Text>
        </Paper>
      ) : (
        practitioners.map((p) => <PractitionerCard key={p.userId} practitioner={p} services={services} kind={kind} />)
      )}
    </Stack>
  );
}
