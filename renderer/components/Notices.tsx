import { Notification, Stack } from '@mantine/core';
import { t } from '../../shared/i18n';
import { useNotices } from '../stores/notices';

/** The notices stack, at the top centre under the header: clear of the buttons screens keep at their right and bottom. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <Stack gap="xs" style={{ position: 'fixed', top: 60, left: '50%', transform: 'translateX(-50%)', zIndex: 1000, width: 420, maxWidth: 'calc(100vw - 32px)' }} aria-live="polite">
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
