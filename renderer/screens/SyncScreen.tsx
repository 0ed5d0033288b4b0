/** Connecting this computer to the practice hub, and what syncing is doing now. */
import { useState } from 'react';
import { Badge, Button, Group, Paper, PasswordInput, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { PullPhase, PullProgress } from '../../shared/api/sync-types';
import { useForm } from '@mantine/form';
import { t } from '../../shared/i18n';
import { connectSyncInput } from '../../shared/schemas/sync';
import { fieldErrorsOf, messageOf } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { HubAccountNote } from '../components/HubAccountNote';
import { clockTime, waitingText } from '../components/StatusBar';
import { bind, schemaErrors } from '../forms';
import { notify } from '../stores/notices';
import { useSync } from '../stores/sync';

interface Values {
  url: string;
  anonKey: string;
  email: string;
  password: string;
}

const PHASES: readonly PullPhase[] = ['today', 'allergies', 'rest'];

/** The first sync's phases in order, the current one with its bar. */
function PullPanel({ pulling }: { pulling: PullProgress }) {
  const current = PHASES.indexOf(pulling.phase);
  const percent = pulling.total ? Math.min(100, Math.round((pulling.received / pulling.total) * 100)) : 0;
  return (
    <Stack gap={4} data-testid="sync-progress" data-phase={pulling.phase}>
      <Text size="sm" fw={600}>
        {t('sync.progressLabel')}
      </Text>
      <Group gap="xs">
        {PHASES.map((phase, i) => (
          <Badge key={phase} size="sm" variant={i === current ? 'filled' : 'light'} color={i < current ? 'teal' : i === current ? 'blue' : 'gray'} data-testid={`sync-phase-${phase}`}>
            {t(`sync.phase.${phase}`)}
          </Badge>
        ))}
      </Group>
      <Progress value={percent} animated={pulling.total === null} aria-label={t(`sync.phase.${pulling.phase}`)} data-testid="sync-progress-bar" />
      <Text size="xs" c="dimmed" data-testid="sync-progress-count">
        {pulling.total
          ? t('sync.progressCount', { received: pulling.received.toLocaleString(), total: pulling.total.toLocaleString() })
          : t('sync.progressCountOnly', { received: pulling.received.toLocaleString() })}
      </Text>
    </Stack>
  );
}

function StatusPanel() {
  const overview = useSync((s) => s.overview);
  const syncing = useSync((s) => s.syncing);
  const syncNow = useSync((s) => s.syncNow);
  const disconnect = useSync((s) => s.disconnect);
  const [error, setError] = useState<string | null>(null);
  if (!overview) return null;
  const { settings, status } = overview;
  if (!settings || status.state === 'local-only') {
    return (
      <Text size="sm" c="dimmed" data-testid="sync-not-connected">
        {t('sync.notConnected')}
      </Text>
    );
  }
  const stateColour = status.state === 'online' ? 'teal' : status.state === 'error' ? 'red' : 'gray';
  return (
    <Paper withBorder p="md" data-testid="sync-status-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" data-testid="sync-connected-to">
            {t('sync.connected', { url: settings.url, email: settings.email })}
          </Text>
          <Badge color={stateColour} variant="light" data-testid="sync-state">
            {t(`sync.state.${status.state}`)}
          </Badge>
        </Group>
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('sync.waitingLabel')}</Table.Th>
              <Table.Td data-testid="sync-waiting">{status.waiting > 0 ? waitingText(status.waiting) : '0'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('sync.lastSyncedLabel')}</Table.Th>
              <Table.Td data-testid="sync-last">
                {status.lastSyncAt ? t('sync.lastSynced', { time: clockTime(status.lastSyncAt) }) : t('sync.neverShort')}
              </Table.Td>
            </Table.Tr>
            <HubAccountNote settings={settings} />
            <Table.Tr>
              <Table.Th>{t('sync.quarantinedLabel')}</Table.Th>
              <Table.Td data-testid="sync-quarantined" title={t('sync.quarantinedHelp')}>
                {status.quarantined}
              </Table.Td>
            </Table.Tr>
            {status.clock ? (
              <Table.Tr>
                <Table.Th>{t('sync.clockLabel')}</Table.Th>
                <Table.Td c="orange" data-testid="sync-clock">
                  {status.clock.message}
                </Table.Td>
              </Table.Tr>
            ) : null}
            {status.lastError ? (
              <Table.Tr>
                <Table.Th>{t('sync.lastErrorLabel')}</Table.Th>
                <Table.Td data-testid="sync-error">
                  {t('sync.errorSince', { message: status.lastError.message, time: clockTime(status.lastError.since) })}
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
        {status.pulling ? <PullPanel pulling={status.pulling} /> : null}
        <ErrorNote message={error} />
        <Group>
          <Button size="xs" loading={syncing} onClick={() => void syncNow()} data-testid="sync-now">
            {t('sync.now')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              void disconnect().then(
                () => notify(t('sync.disconnectedNotice')),
                (e: unknown) => setError(messageOf(e)),
              )
            }
            data-testid="sync-disconnect"
          >
            {t('sync.disconnect')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ConnectForm({ connected }: { connected: boolean }) {
  const connect = useSync((s) => s.connect);
  const form = useForm<Values>({ initialValues: { url: '', anonKey: '', email: '', password: '' } });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    const found = schemaErrors(connectSyncInput, values);
    if (Object.keys(found).length > 0) {
      form.setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await connect(values);
      form.setFieldValue('password', '');
      notify(t('sync.connectedNotice'));
    } catch (e) {
      form.setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="sync-connect-form">
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <TextInput label={t('sync.url')} description={t('sync.urlHint')} required {...bind(form, 'url')} />
            <TextInput label={t('sync.anonKey')} required {...bind(form, 'anonKey')} />
            <TextInput label={t('sync.email')} type="email" required {...bind(form, 'email')} />
            <PasswordInput label={t('sync.password')} description={t('sync.passwordHint')} required {...bind(form, 'password')} />
          </SimpleGrid>
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="sync-connect">
              {connected ? t('sync.reconnect') : t('sync.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function SyncScreen() {
  const connected = useSync((s) => s.overview?.settings !== null && s.overview?.settings !== undefined);
  return (
    <Stack gap="md" maw={900} data-testid="sync-screen">
      <Title order={3}>{t('sync.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('sync.intro')}
      </Text>
      <StatusPanel />
      <ConnectForm connected={connected} />
    </Stack>
  );
}
