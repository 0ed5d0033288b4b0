/**
 * The audit log: who did what to which record, when (in the practice's time
 * zone), with the before/after of each change, and a check that each device's
 * hash chain is unbroken.
 */
import { Fragment, useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Center, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { AUDIT_ACTIONS } from '../../shared/api/types';
import { t } from '../../shared/i18n';
import { formatDateTime, labelOf } from '../format';
import { useCan, useSignedIn } from '../stores/session';
import { useStaff } from '../stores/staff';
import { emptyFilters, useAudit, type AuditFilters } from '../stores/audit';
import { ErrorNote } from '../components/ErrorNote';
import { DateField } from '../components/DateField';
import { JsonDiff } from '../components/JsonDiff';

const ACTION_COLOURS: Record<string, string> = { create: 'teal', update: 'blue', delete: 'red', read: 'gray', sign_in: 'grape', sign_in_failed: 'orange', sign_out: 'grape' };

function Filters({ initial, onApply }: { initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const canStaff = useCan('staff.manage');
  const staff = useStaff((s) => s.members);
  const loadStaff = useStaff((s) => s.load);
  const [f, setF] = useState(initial);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => setF((prev) => ({ ...prev, [key]: value }));

  useEffect(() => {
    if (canStaff) void loadStaff();
  }, [canStaff, loadStaff]);

  return (
    <Paper withBorder radius="md" p="sm" component="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); onApply(f); }} data-testid="audit-filters">
      <SimpleGrid cols={{ base: 2, md: 6 }} spacing="sm">
        {canStaff ? (
          <NativeSelect
            label={t('audit.user')}
            data={[{ value: '', label: t('audit.anyone') }, ...staff.map((m) => ({ value: m.userId, label: m.displayName }))]}
            value={f.userId}
            onChange={(e) => set('userId', e.currentTarget.value)}
          />
        ) : (
          <TextInput label={t('audit.userId')} value={f.userId} onChange={(e) => set('userId', e.currentTarget.value)} />
        )}
        <NativeSelect
          label={t('audit.action')}
          data={[{ value: '', label: t('audit.anyAction') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: labelOf('auditAction', a) }))]}
          value={f.action}
          onChange={(e) => set('action', e.currentTarget.value as AuditFilters['action'])}
        />
        <TextInput label={t('audit.entityType')} placeholder={t('audit.entityTypeHint')} value={f.entityType} onChange={(e) => set('entityType', e.currentTarget.value)} />
        <TextInput label={t('audit.patientId')} value={f.patientId} onChange={(e) => set('patientId', e.currentTarget.value)} />
        <DateField label={t('audit.fromDate')} value={f.fromDate} onChange={(v) => set('fromDate', v)} />
        <DateField label={t('audit.toDate')} value={f.toDate} onChange={(v) => set('toDate', v)} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm" gap="xs">
        <Button variant="default" size="xs" onClick={() => { const cleared = emptyFilters(); setF(cleared); onApply(cleared); }}>
          {t('audit.clearFilters')}
        </Button>
        <Button type="submit" size="xs" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
      </Group>
    </Paper>
  );
}

function ChainReport() {
  const { report, verifying, verifyError, verify } = useAudit();
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </Group>
      <ErrorNote message={verifyError} />
      {report ? (
        <Stack gap={4} data-testid="audit-chain-report">
          {report.devices.length === 0 ? <Text size="sm" c="dimmed">{t('audit.noDevices')}</Text> : null}
          {report.devices.map((d) => (
            <Alert key={d.deviceId} color={d.intact ? 'teal' : 'red'} variant="light" py={6} data-testid="audit-chain-device" data-intact={d.intact}>
              <Text size="sm">
                <b>{d.intact ? t('audit.intact') : t('audit.broken')}</b> · {t('audit.device', { id: d.deviceId })} · {t('audit.entries', { count: d.entries })}
                {!d.intact && d.firstBrokenId ? ` · ${t('audit.firstBroken', { id: d.firstBrokenId })}` : ''}
              </Text>
            </Alert>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function AuditScreen({ initialPatientId }: { initialPatientId?: string }) {
  const { practice } = useSignedIn();
  const { filters, entries, nextCursor, loading, loadingMore, error, setFilters, search, loadOlder } = useAudit();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [initial] = useState<AuditFilters>(() => (initialPatientId ? { ...emptyFilters(), patientId: initialPatientId } : filters));

  useEffect(() => {
    setFilters(initial);
    void search();
  }, [initial, setFilters, search]);

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="md" maw={1300}>
      <Title order={3}>{t('audit.title')}</Title>
      <Filters initial={initial} onApply={(f) => { setFilters(f); void search(); }} />
      <ChainReport />
      <ErrorNote message={error} />
      {loading && entries.length === 0 ? (
        <Center py="xl"><Loader /></Center>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" highlightOnHover data-testid="audit-table" aria-busy={loading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th>{t('audit.time', { zone: practice.timeZone })}</Table.Th>
                <Table.Th>{t('audit.user')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.patient')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Fragment key={e.id}>
                  <Table.Tr data-testid="audit-row" onClick={() => toggle(e.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <ActionIcon variant="subtle" size="sm" color="gray" aria-expanded={open.has(e.id)} aria-label={t('audit.showChange')} onClick={(ev) => { ev.stopPropagation(); toggle(e.id); }}>
                        {open.has(e.id) ? '▾' : '▸'}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td className="pd-nowrap">{formatDateTime(e.at, practice.timeZone)}</Table.Td>
                    <Table.Td>{e.userName ?? t('audit.system')}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={ACTION_COLOURS[e.action] ?? 'gray'}>
                        {labelOf('auditAction', e.action)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.entityType}</Text>
                      {e.entityId ? <Text size="xs" c="dimmed" ff="monospace">{e.entityId}</Text> : null}
                    </Table.Td>
                    <Table.Td>{e.patientName ?? ''}</Table.Td>
                  </Table.Tr>
                  {open.has(e.id) ? (
                    <Table.Tr>
                      <Table.Td colSpan={6} bg="gray.0">
                        <JsonDiff before={e.before} after={e.after} />
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              ))}
              {entries.length === 0 && !loading ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" py="md">{t('audit.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {nextCursor ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadOlder()} loading={loadingMore} data-testid="audit-load-older">
            {t('audit.loadOlder')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
