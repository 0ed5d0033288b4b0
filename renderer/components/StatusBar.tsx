import { Anchor, Badge, Group, Text } from '@mantine/core';
import { t } from '../../shared/i18n';

interface Props {
  userName: string;
  roleLabel: string;
  practiceName: string;
  onSignOut: () => void;
}

/** Always visible: who is signed in, as what, where, and that data stays on this machine. */
export function StatusBar({ userName, roleLabel, practiceName, onSignOut }: Props) {
  return (
    <Group h="100%" px="md" justify="space-between" className="pd-status-bar" data-testid="status-bar" role="status">
      <Group gap="md">
        <Text size="xs" fw={600} data-testid="status-user">
          {userName}
        </Text>
        <Text size="xs" data-testid="status-role">
          {roleLabel}
        </Text>
        <Text size="xs" data-testid="status-practice">
          {practiceName}
        </Text>
      </Group>
      <Group gap="md">
        <Badge size="xs" variant="outline" color="gray" data-testid="status-sync">
          {t('app.localOnly')}
        </Badge>
        <Anchor component="button" type="button" size="xs" onClick={onSignOut} data-testid="status-sign-out">
          {t('shell.signOut')}
        </Anchor>
      </Group>
    </Group>
  );
}
