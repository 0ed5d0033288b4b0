/**
 * Signing (with a confirmation: signed is for ever) and, after it, the
 * addenda — the only way to correct or add to the note — with author and time.
 */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import type { ConsultationView } from '../../../shared/api/consultation-types';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export function SignBar({ view, busy, error, onSign }: { view: ConsultationView; busy: boolean; error: string | undefined; onSign: () => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  if (view.status === 'signed') {
    return (
      <Alert color="green" variant="light" data-testid="consultation-signed">
        {t('consultation.signed', { who: view.signedBy ?? '—', at: when(view.signedAt!) })}
      </Alert>
    );
  }
  if (!view.canSign) return null;
  return (
    <Stack gap="xs">
      {confirming ? (
        <Alert color="yellow" variant="light">
          <Stack gap="xs">
            <Text size="sm">{t('consultation.signConfirm')}</Text>
            <Group gap="xs">
              <Button size="xs" color="green" loading={busy} onClick={() => void onSign().then(() => setConfirming(false))} data-testid="sign-confirm" data-autofocus>
                {t('consultation.sign')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Group>
          <Button color="green" onClick={() => setConfirming(true)} data-testid="sign">
            {t('consultation.sign')}
          </Button>
        </Group>
      )}
      <ErrorNote message={error ?? null} />
    </Stack>
  );
}

export function AddendaPanel({ view, busy, error, onAdd }: { view: ConsultationView; busy: boolean; error: string | undefined; onAdd: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const add = async () => {
    if (text.trim() !== '' && (await onAdd(text))) setText('');
  };
  if (view.status !== 'signed' && view.addenda.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={5}>{t('consultation.addenda')}</Title>
        {view.addenda.map((a) => (
          <Stack key={a.id} gap={0} data-testid="addendum">
            <Text size="xs" c="dimmed">
              {a.author ?? '—'} · {when(a.writtenAt)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.text}
            </Text>
          </Stack>
        ))}
        <Textarea
          label={t('consultation.addendumText')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          onKeyDown={getHotkeyHandler([['mod+Enter', () => void add()]])}
          data-testid="addendum-text"
        />
        <ErrorNote message={error ?? null} />
        <Group>
          <Button size="xs" loading={busy} disabled={text.trim() === ''} onClick={() => void add()} data-testid="addendum-add">
            {t('consultation.addAddendum')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
