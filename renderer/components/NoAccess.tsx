import { Alert } from '@mantine/core';
import { t } from '../../shared/i18n';

export function NoAccess() {
  return (
    <Alert color="gray" variant="light" title={t('shell.noAccessTitle')}>
      {t('shell.noAccess')}
    </Alert>
  );
}
