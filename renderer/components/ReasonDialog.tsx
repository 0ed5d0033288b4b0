/**
 * A dialog that asks why before it acts (cancel an appointment, book over a
 * clash, remove a chart record): the reason is required, Enter submits,
 * Shift+Enter adds a line, and a failed action keeps the dialog open with the
 * error. The reason goes to the core, which records it.
 */
import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Textarea, type MantineColor, type MantineSize } from '@mantine/core';
import { messageOf } from '../api';
import { ErrorNote } from './ErrorNote';

interface Props {
  title: string;
  reasonLabel: string;
  reasonHint?: string;
  /** Shown when the reason is left empty. */
  reasonRequired: string;
  backLabel: string;
  submitLabel: string;
  submitColor: MantineColor;
  /** Act on the reason; throw to keep the dialog open with the error. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  testIds: { form: string; reason: string; submit: string };
  size?: MantineSize;
  zIndex?: number;
  /** What is about to happen, above the reason. */
  children?: ReactNode;
}

export function ReasonDialog(props: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(props.reasonRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(reason.trim());
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={props.title} size={props.size ?? 'md'} {...(props.zIndex ? { zIndex: props.zIndex } : {})}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid={props.testIds.form}>
        <Stack gap="sm">
          {props.children}
          <Textarea
            label={props.reasonLabel}
            description={props.reasonHint}
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
            data-testid={props.testIds.reason}
          />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {props.backLabel}
            </Button>
            <Button type="submit" color={props.submitColor} loading={busy} data-testid={props.testIds.submit}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
