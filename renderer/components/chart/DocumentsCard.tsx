/**
 * The chart's documents: attach a PDF or image (to the patient, or to the
 * visit in progress), list them, open one, remove one with a reason (never
 * deleted). A document whose bytes have not reached this device yet says so.
 */
import { useState } from 'react';
import { Badge, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import type { DocumentView } from '../../../shared/api/clinical-record-types';
import { DEFAULT_DOCUMENT_LIMIT_BYTES } from '../../../shared/schemas/documents';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { formatDateTime } from '../../format';
import { downloadBase64 } from '../../reception';
import { notify } from '../../stores/notices';
import { ErrorNote } from '../ErrorNote';
import { ReasonDialog } from '../ReasonDialog';
import { fileToBase64 } from './file-base64';
import { useLoaded } from './useLoaded';

const ACCEPT = 'application/pdf,image/png,image/jpeg,image/gif,image/webp,image/tiff,text/plain';

interface Props {
  patientId: string;
  timeZone: string;
  canWrite: boolean;
  version: number;
  onChanged: () => void;
  /** Attach to this visit (e.g. opened from a consultation). */
  visitId?: string | null;
}

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function DocumentsCard({ patientId, timeZone, canWrite, version, onChanged, visitId = null }: Props) {
  const { value: docs, error: loadError } = useLoaded(() => call('documents.forPatient', { patientId }), [patientId, version]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<DocumentView | null>(null);

  const attach = async (file: File | null) => {
    if (!file) return;
    setError(null);
    if (file.size > DEFAULT_DOCUMENT_LIMIT_BYTES) {
      setError(`${file.name}: ${size(file.size)}; at most ${size(DEFAULT_DOCUMENT_LIMIT_BYTES)} can be attached.`);
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      await call('documents.attach', { patientId, visitId, fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64 });
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const open = async (doc: DocumentView) => {
    try {
      const file = await call('documents.open', { id: doc.id });
      downloadBase64(file.fileName, file.contentBase64, file.mimeType);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="chart-documents">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('docs.title')}</Title>
        {canWrite ? (
          <FileButton onChange={(f) => void attach(f)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={busy} data-testid="doc-attach">
                {t('docs.attach')}
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      <ErrorNote message={error ?? loadError} />
      {docs && docs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('docs.empty')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {(docs ?? []).map((d) => (
          <Group key={d.id} gap="sm" wrap="nowrap" data-testid="document" data-file-name={d.fileName}>
            <Text size="xs" c="dimmed" w={120}>
              {formatDateTime(d.storedAt, timeZone, false)}
            </Text>
            <Badge size="xs" variant="light">
              {d.kind}
            </Badge>
            <Text size="sm" style={{ flex: 1, textDecoration: d.removedAt ? 'line-through' : undefined }}>
              {d.fileName}{' '}
              <Text span size="xs" c="dimmed">
                {size(d.byteSize)}
                {d.removedAt ? ` · ${t('docs.removed')}: ${d.removedReason ?? ''}` : ''}
                {!d.available ? ` · ${t('docs.notHere')}` : ''}
              </Text>
            </Text>
            {d.available ? (
              <Button size="compact-xs" variant="subtle" onClick={() => void open(d)} data-testid="doc-open">
                {t('docs.open')}
              </Button>
            ) : null}
            {canWrite && !d.removedAt ? (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRemoving(d)} data-testid="doc-remove">
                {t('docs.remove')}
              </Button>
            ) : null}
          </Group>
        ))}
      </Stack>
      {removing ? (
        <ReasonDialog
          title={`${t('docs.remove')}: ${removing.fileName}`}
          reasonLabel={t('docs.removeReason')}
          reasonRequired={t('err.required')}
          backLabel={t('common.back')}
          submitLabel={t('docs.remove')}
          submitColor="red"
          onSubmit={async (reason) => {
            await call('documents.remove', { id: removing.id, reason });
            setRemoving(null);
            onChanged();
          }}
          onClose={() => setRemoving(null)}
          testIds={{ form: 'doc-remove-form', reason: 'doc-remove-reason', submit: 'doc-remove-submit' }}
        />
      ) : null}
    </Card>
  );
}
