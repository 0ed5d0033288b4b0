/** Chief complaint and the SOAP note, with protocol templates; read-only once signed. Ctrl/Cmd+S saves. */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import type { ConsultationView, SoapField } from '../../../shared/api/consultation-types';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';

type Note = Record<SoapField, string>;
const NOTE_FIELDS: SoapField[] = ['subjective', 'objective', 'assessment', 'plan'];
const TEMPLATE_OF = { subjective: 'subjective', objective: 'objective', assessment: 'assessment', plan: 'plan' } as const;

const noteOf = (v: ConsultationView): Note => ({
  chiefComplaint: v.chiefComplaint ?? '',
  subjective: v.subjective ?? '',
  objective: v.objective ?? '',
  assessment: v.assessment ?? '',
  plan: v.plan ?? '',
});

interface Props {
  view: ConsultationView;
  busy: boolean;
  error: string | undefined;
  fieldErrors: Record<string, string> | undefined;
  onSave: (note: Note & { protocolId: string | null }) => Promise<boolean>;
}

export function SoapNote({ view, busy, error, fieldErrors, onSave }: Props) {
  const [note, setNote] = useState<Note>(() => noteOf(view));
  const [protocolId, setProtocolId] = useState<string | null>(view.protocolId);
  const [saved, setSaved] = useState(false);
  const signed = view.status === 'signed';
  // A new note from the core (saved, signed, synced) replaces the form; other changes to the consultation leave typing alone.
  const stored = JSON.stringify(noteOf(view));
  const [shownStored, setShownStored] = useState(stored);
  if (shownStored !== stored) {
    setShownStored(stored);
    setNote(noteOf(view));
  }

  const dirty = JSON.stringify(note) !== stored || protocolId !== view.protocolId;
  const save = async () => {
    if (signed || !dirty) return;
    setSaved(await onSave({ ...note, protocolId }));
  };
  const applyTemplate = () => {
    const p = view.protocols.find((x) => x.id === protocolId);
    if (!p) return;
    setNote((n) => {
      const next = { ...n };
      for (const f of NOTE_FIELDS) {
        const template = p[TEMPLATE_OF[f as keyof typeof TEMPLATE_OF]];
        if (template && next[f].trim() === '') next[f] = template;
      }
      return next;
    });
  };
  const change = (field: SoapField) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = e.currentTarget.value;
    setSaved(false);
    setNote((n) => ({ ...n, [field]: value }));
  };
  const conflictNote = (field: SoapField) =>
    view.conflictedFields.includes(field) ? (
      <Alert color="orange" variant="light" p={6} data-testid={`conflict-${field}`}>
        {t('consultation.conflicted', { field: t(`consultation.${field}`) })}
      </Alert>
    ) : null;

  return (
    <Paper withBorder p="md" radius="md" onKeyDown={getHotkeyHandler([['mod+S', () => void save()]])}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('consultation.title')}</Title>
          {!signed && view.protocols.length > 0 ? (
            <Group gap="xs">
              <Select
                size="xs"
                placeholder={t('consultation.protocol')}
                aria-label={t('consultation.protocol')}
                data={view.protocols.map((p) => ({ value: p.id, label: p.name }))}
                value={protocolId}
                onChange={setProtocolId}
                data-testid="protocol-select"
              />
              <Button size="xs" variant="default" disabled={!protocolId} onClick={applyTemplate} data-testid="protocol-apply">
                {t('consultation.applyProtocol')}
              </Button>
            </Group>
          ) : null}
        </Group>
        <TextInput
          label={t('consultation.chiefComplaint')}
          value={note.chiefComplaint}
          onChange={change('chiefComplaint')}
          readOnly={signed}
          error={fieldErrors?.chiefComplaint}
          data-testid="field-chiefComplaint"
          data-autofocus
        />
        {conflictNote('chiefComplaint')}
        {NOTE_FIELDS.map((f) => (
          <Stack key={f} gap={4}>
            <Textarea
              label={t(`consultation.${f}`)}
              value={note[f]}
              onChange={change(f)}
              readOnly={signed}
              autosize
              minRows={2}
              maxRows={12}
              error={fieldErrors?.[f]}
              data-testid={`field-${f}`}
            />
            {conflictNote(f)}
          </Stack>
        ))}
        <ErrorNote message={error ?? null} />
        {!signed ? (
          <Group>
            <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="save-draft">
              {t('consultation.saveDraft')}
            </Button>
            {saved && !dirty ? <span data-testid="draft-saved">{t('consultation.saved')}</span> : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
