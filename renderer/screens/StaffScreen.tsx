/** Staff admin: who may sign in, and as what. */
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { StaffMember } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import { t } from '../../shared/i18n';
import { formatDateTime } from '../format';
import { roleOptions } from '../options';
import { useSignedIn } from '../stores/session';
import { useStaff } from '../stores/staff';
import { ErrorNote } from '../components/ErrorNote';
import { AddStaffModal } from '../components/AddStaffModal';

const column = createColumnHelper<StaffMember>();

export function StaffScreen() {
  const session = useSignedIn();
  const { members, loaded, loading, error, pending, load, changeRole, setActive } = useStaff();
  const [adding, setAdding] = useState(false);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'displayName', desc: false }]);
  const kind = session.practice.kind;
  const timeZone = session.practice.timeZone;

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo(
    () => [
      column.accessor('displayName', {
        header: () => t('staff.name'),
        cell: (c) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500}>
              {c.getValue()}
            </Text>
            {c.row.original.userId === session.user.id ? (
              <Badge size="xs" variant="light">
                {t('staff.you')}
              </Badge>
            ) : null}
          </Group>
        ),
      }),
      column.accessor('email', { header: () => t('field.email') }),
      column.accessor('role', {
        header: () => t('staff.role'),
        cell: (c) => (
          <NativeSelect
            size="xs"
            aria-label={t('staff.roleOf', { name: c.row.original.displayName })}
            data={roleOptions(kind)}
            value={c.getValue()}
            disabled={pending === c.row.original.userId}
            onChange={(e) => void changeRole(c.row.original.userId, e.currentTarget.value as Role)}
            data-testid="staff-role"
          />
        ),
      }),
      column.accessor('licenceNumber', { header: () => t('staff.licenceNumber'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('lastSignInAt', {
        header: () => t('staff.lastSignIn'),
        cell: (c) => (c.getValue() ? formatDateTime(c.getValue(), timeZone, false) : t('staff.never')),
      }),
      column.accessor('active', {
        header: () => t('staff.active'),
        cell: (c) => (
          <Switch
            aria-label={t('staff.activeOf', { name: c.row.original.displayName })}
            checked={c.getValue()}
            disabled={pending === c.row.original.userId}
            onChange={(e) => void setActive(c.row.original.userId, e.currentTarget.checked)}
            data-testid="staff-active"
          />
        ),
      }),
    ],
    [kind, timeZone, pending, session.user.id, changeRole, setActive],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used in render only
  const table = useReactTable({
    data: members,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => row.userId,
  });

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={3}>{t('staff.title')}</Title>
        <Button onClick={() => setAdding(true)} data-testid="add-staff">
          {t('staff.addButton')}
        </Button>
      </Group>
      <ErrorNote message={error} />
      {!loaded && loading ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="xs" data-testid="staff-table">
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {group.headers.map((header) => (
                    <Table.Th
                      key={header.id}
                      onClick={header.column.getToggleSortingHandler()}
                      style={{ cursor: header.column.getCanSort() ? 'pointer' : undefined, whiteSpace: 'nowrap' }}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {{ asc: ' ▲', desc: ' ▼' }[header.column.getIsSorted() as string] ?? ''}
                    </Table.Th>
                  ))}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {table.getRowModel().rows.map((row) => (
                <Table.Tr key={row.id} data-testid="staff-row" style={{ opacity: row.original.active ? 1 : 0.55 }}>
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {members.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={columns.length}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('staff.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {adding ? <AddStaffModal kind={kind} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
