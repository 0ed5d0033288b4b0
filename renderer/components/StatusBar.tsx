import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { SyncStatus } from '../../shared/api/sync-types';
import { t } from '../../shared/i18n';
import { useSync } from '../stores/sync';
import { useConflictCountPolling, useConflicts } from '../stores/conflicts';
import { useNav } from '../stores/nav';

interface Props {
  userName: string;
  roleLabel: string;
  practiceName: string;
  onSignOut: () => void;
}

/** HH:MM on this computer's clock. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const STATE_COLOUR = { online: 'teal', offline: 'gray', error: 'red' } as const;

export function waitingText(waiting: number): string {
  return waiting === 1 ? t('sync.waitingOne') : t('sync.waiting', { count: waiting });
}

/**
 * Where this computer's changes stand. Never claims everything is sent while
 * the outbox holds anything: "Online" with "N changes waiting".
 */
function SyncSummary({ status }: { status: SyncStatus | undefined }) {
  if (!status || status.state === 'local-only') {
    return (
      <Badge size="xs" variant="outline" color="gray" data-testid="status-sync">
        {t('app.localOnly')}
      </Badge>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      <Badge size="xs" variant="light" color={STATE_COLOUR[status.state]} data-testid="status-sync" data-state={status.state}>
        {t(`sync.state.${status.state}`)}
      </Badge>
      {status.waiting > 0 ? (
        <Text size="xs" data-testid="status-sync-waiting">
          {waitingText(status.waiting)}
        </Text>
      ) : null}
      {status.pulling ? (
        <Text size="xs" data-testid="status-sync-pulling" data-phase={status.pulling.phase}>
          {t(`sync.phase.${status.pulling.phase}`)}: {t('sync.pulling', { count: status.pulling.applied })}
        </Text>
      ) : null}
      {status.clock ? (
        <Text size="xs" c="orange" fw={600} data-testid="status-sync-clock">
          {status.clock.message}
        </Text>
      ) : null}
      {status.lastSyncAt ? (
        <Text size="xs" c="dimmed" data-testid="status-sync-last">
          {t('sync.lastSynced', { time: clockTime(status.lastSyncAt) })}
        </Text>
      ) : null}
      {status.lastError ? (
        <Text size="xs" c={status.state === 'error' ? 'red' : 'dimmed'} truncate maw={420} title={status.lastError.message} data-testid="status-sync-error">
          {t('sync.errorSince', { message: status.lastError.message, time: clockTime(status.lastError.since) })}
        </Text>
      ) : null}
    </Group>
  );
}

/** "N conflicts", linking to the inbox; nothing when there are none to settle. */
function ConflictBadge() {
  useConflictCountPolling();
  const open = useConflicts((s) => s.open);
  const go = useNav((s) => s.go);
  if (!open) return null;
  return (
    <Anchor component="button" type="button" size="xs" c="orange" fw={600} onClick={() => go({ name: 'conflicts' })} data-testid="status-conflicts">
      {open === 1 ? t('conflicts.badgeOne') : t('conflicts.badge', { count: open })}
    </Anchor>
  );
}

/** Always visible: who is signed in, as what, where, and where this computer's changes stand. */
export function StatusBar({ userName, roleLabel, practiceName, onSignOut }: Props) {
  const status = useSync((s) => s.overview?.status);
  return (
    <Group h="100%" px="md" justify="space-between" className="pd-status-bar" data-testid="status-bar" role="status" wrap="nowrap">
      <Group gap="md" wrap="nowrap">
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
      <Group gap="md" wrap="nowrap">
        <SyncSummary status={status} />
        <ConflictBadge />
        <Anchor component="button" type="button" size="xs" onClick={onSignOut} data-testid="status-sign-out">
          {t('shell.signOut')}
        </Anchor>
      </Group>
    </Group>
  );
}
