/** Rooms the diary can book: add, rename, take out of use and back. */
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Room } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { messageOf } from '../../api';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { RoomModal } from './RoomModal';

export function RoomsSection({ rooms }: { rooms: Room[] }) {
  const save = useReception((s) => s.saveRoom);
  // undefined: closed; null: adding; a room: renaming it.
  const [editing, setEditing] = useState<Room | null | undefined>(undefined);
  const [pending, setPending] = useState<string | null>(null);

  const toggle = async (room: Room) => {
    setPending(room.id);
    try {
      await save({ id: room.id, fields: { name: room.name, active: !room.active } });
      notify(room.active ? t('rxSetup.roomDeactivated', { name: room.name }) : t('rxSetup.roomReactivated', { name: room.name }));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
    setPending(null);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="rx-setup-rooms" data-testid="rooms-section">
      <Group justify="space-between">
        <Title order={4} id="rx-setup-rooms">
          {t('rxSetup.roomsTitle')}
        </Title>
        <Button onClick={() => setEditing(null)} data-testid="add-room">
          {t('rxSetup.addRoom')}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {rooms.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="rooms-empty">
            {t('rxSetup.roomsEmpty')}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid="rooms-table">
            <Table.Tbody>
              {rooms.map((room) => (
                <Table.Tr key={room.id} data-testid="room-row" data-id={room.id} data-active={room.active} style={{ opacity: room.active ? 1 : 0.55 }}>
                  <Table.Td fw={500} data-testid="room-row-name">
                    {room.name}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={room.active ? 'teal' : 'gray'}>
                      {room.active ? t('rxSetup.inUse') : t('rxSetup.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button variant="subtle" size="xs" onClick={() => setEditing(room)} aria-label={t('rxSetup.renameOf', { name: room.name })} data-testid="room-rename">
                        {t('rxSetup.rename')}
                      </Button>
                      <Button
                        variant="subtle"
                        size="xs"
                        color={room.active ? 'red' : 'teal'}
                        loading={pending === room.id}
                        onClick={() => void toggle(room)}
                        aria-label={room.active ? t('rxSetup.deactivateOf', { name: room.name }) : t('rxSetup.reactivateOf', { name: room.name })}
                        data-testid="room-toggle"
                      >
                        {room.active ? t('rxSetup.deactivate') : t('rxSetup.reactivate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing !== undefined ? <RoomModal key={editing?.id ?? 'new'} room={editing} onClose={() => setEditing(undefined)} /> : null}
    </Stack>
  );
}
