/** Add a room, or rename one. Enter saves. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { Room } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { ErrorNote } from '../ErrorNote';

export function RoomModal({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const save = useReception((s) => s.saveRoom);
  const [name, setName] = useState(room?.name ?? '');
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(t('err.required'));
      setError(t('err.validation'));
      return;
    }
    if (trimmed.length > 60) {
      setNameError(t('err.tooLong', { max: 60 }));
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    setNameError(undefined);
    try {
      await save({ id: room?.id, fields: { name: trimmed, active: room?.active ?? true } });
      notify(t('rxSetup.roomSaved', { name: trimmed }));
      onClose();
    } catch (e) {
      setNameError(fieldErrorsOf(e)['fields.name']);
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={room ? t('rxSetup.renameRoom') : t('rxSetup.addRoom')} size="sm">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="room-form">
        <Stack gap="sm">
          <TextInput
            label={t('rxSetup.roomName')}
            required
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            data-autofocus
            data-testid="room-name"
          />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="room-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
