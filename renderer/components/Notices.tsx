import { Notification, Stack } from '@mantine/core';
import { t } from '../../shared/i18n';
import { useNotices } from '../stores/notices';

/** The notices stack, fixed at the bottom right above the status bar. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <Stack gap="xs" style={{ position: 'fixed', right: 16, bottom: 40, zIndex: 1000, width: 360 }} aria-live="polite">
      {notices.map((n) => (
        <Notification
          key={n.id}
          color={n.tone === 'error' ? 'red' : 'teal'}
          onClose={() => dismiss(n.id)}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          withBorder
          data-testid="notice"
        >
          {n.message}
        </Notification>
      ))}
    </Stack>
  );
}
