/**
 * A booking or move that would double-book: say who clashes with whom, and
 * offer "Book anyway" with a reason (which the core records with the booking).
 */
import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ClashDetail } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { messageOf } from '../../api';
import { clashSentence } from '../../reception';
import { ErrorNote } from '../ErrorNote';

interface Props {
  detail: ClashDetail;
  timeZone: string;
  /** Resubmit with the reason; throw to keep the dialog open with the error. */
  onOverride: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function ClashDialog({ detail, timeZone, onOverride, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('clash.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onOverride(reason.trim());
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('clash.title')} size="lg" zIndex={400}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="clash-dialog">
        <Stack gap="sm">
          <Text size="sm">{t('clash.intro')}</Text>
          <List size="sm" spacing={4}>
            {detail.clashes.map((clash, i) => (
              <List.Item key={`${clash.appointmentId}-${clash.kind}-${i}`} data-testid="clash-item" data-kind={clash.kind}>
                {clashSentence(clash, timeZone)}
              </List.Item>
            ))}
          </List>
          <Textarea
            label={t('clash.reason')}
            description={t('clash.reasonHint')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            data-autofocus
            data-testid="clash-reason"
          />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('clash.pickAnother')}
            </Button>
            <Button type="submit" color="orange" loading={busy} data-testid="clash-override">
              {t('clash.bookAnyway')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
