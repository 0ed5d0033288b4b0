import { Badge, Group } from '@mantine/core';
import { t } from '../../shared/i18n';
import { labelOf } from '../format';

/** Inactive / deceased status, and an alert marker. Nothing for an active patient without alerts. */
export function PatientBadges({ status, hasAlerts, size = 'sm' }: { status: string; hasAlerts?: boolean; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Group gap={4} wrap="nowrap">
      {status !== 'active' ? (
        <Badge size={size} color={status === 'deceased' ? 'dark' : 'gray'} variant="light" data-testid="status-badge">
          {labelOf('patientStatus', status)}
        </Badge>
      ) : null}
      {hasAlerts ? (
        <Badge size={size} color="orange" variant="filled" data-testid="alert-marker" title={t('search.hasAlerts')}>
          ⚠ {t('search.alert')}
        </Badge>
      ) : null}
    </Group>
  );
}
