/**
 * Which role the device's hub account has in this practice, and what the hub
 * will therefore refuse from this computer whoever is signed in here (hub
 * migration 0010 checks every change against that role; refused changes are
 * set aside and counted on this screen).
 */
import { Alert, Table, Text } from '@mantine/core';
import type { SyncSettingsView } from '../../shared/api/sync-types';
import { t, type MessageKey } from '../../shared/i18n';
import { useSignedIn } from '../stores/session';

/** The day-to-day work whose changes a hub role may lack the right to push. */
const WORK: readonly { permission: string; label: MessageKey }[] = [
  { permission: 'clinical.write', label: 'sync.work.clinical' },
  { permission: 'patients.write', label: 'sync.work.patients' },
  { permission: 'appointments.write', label: 'sync.work.appointments' },
  { permission: 'queue.move', label: 'sync.work.queue' },
  { permission: 'payments.take', label: 'sync.work.payments' },
];

export function HubAccountNote({ settings }: { settings: SyncSettingsView }) {
  const { practice } = useSignedIn();
  if (!settings.memberships) return null;
  const membership = settings.memberships.find((m) => m.practiceId === practice.id);
  const refused = membership ? WORK.filter((w) => !membership.permissions.includes(w.permission)).map((w) => t(w.label)) : [];
  return (
    <>
      <Table.Tr>
        <Table.Th>{t('sync.hubRoleLabel')}</Table.Th>
        <Table.Td data-testid="sync-hub-role">{membership ? membership.role : t('sync.hubRoleNone')}</Table.Td>
      </Table.Tr>
      {!membership || refused.length > 0 ? (
        <Table.Tr>
          <Table.Td colSpan={2}>
            <Alert color="orange" variant="light" data-testid="sync-hub-role-warning">
              <Text size="sm">
                {membership
                  ? t('sync.hubRoleRefuses', { role: membership.role, work: refused.join(', ') })
                  : t('sync.hubNotMember', { practice: practice.name })}
              </Text>
            </Alert>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
