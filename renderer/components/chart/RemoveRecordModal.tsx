/** Removing a chart record asks why, and for confirmation; the reason goes to the audit log. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';

interface Props {
  itemLabel: string;
  description: string;
  onRemove: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function RemoveRecordModal({ itemLabel, description, onRemove, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('chart.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await onRemove(reason.trim());
      onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('chart.removeItem', { item: itemLabel })}>
      <form onSubmit={submit} noValidate data-testid="remove-form">
        <Stack gap="sm">
          <Text size="sm">{t('chart.removeConfirm', { what: description })}</Text>
          <Textarea label={t('chart.removeReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus data-testid="remove-reason" />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} data-testid="remove-confirm">
              {t('common.remove')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
