/** Entering a lab result (or a correction of one): test, value, unit, range, when. */
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Stack, TextInput, Textarea } from '@mantine/core';
import type { LabResultView } from '../../../shared/api/clinical-record-types';
import { isLocalDateTime, localToUtc, utcToLocal } from '../../../shared/domain/practice-time';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';

interface Props {
  patientId: string;
  timeZone: string;
  /** Set to correct this result. */
  correcting: LabResultView | null;
  onSaved: (result: LabResultView) => void;
  onClose: () => void;
}

const num = (v: string | number) => (v === '' ? null : Number(v));

export function LabResultForm({ patientId, timeZone, correcting, onSaved, onClose }: Props) {
  const [testName, setTestName] = useState(correcting?.testName ?? '');
  const [value, setValue] = useState(correcting?.value ?? '');
  const [unit, setUnit] = useState(correcting?.unit ?? '');
  const [low, setLow] = useState<string | number>(correcting?.referenceLow ?? '');
  const [high, setHigh] = useState<string | number>(correcting?.referenceHigh ?? '');
  const [resultedAt, setResultedAt] = useState(utcToLocal(correcting?.resultedAt ?? new Date().toISOString(), timeZone));
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!isLocalDateTime(resultedAt)) {
      setFields({ 'fields.resultedAt': t('err.required') });
      return;
    }
    setBusy(true);
    try {
      const saved = await call('labs.record', {
        patientId,
        correctsId: correcting?.id ?? null,
        fields: {
          testName, value, unit, notes, testCode: correcting?.testCode ?? null,
          referenceLow: num(low), referenceHigh: num(high), resultedAt: localToUtc(resultedAt, timeZone),
        },
      });
      onSaved(saved);
    } catch (e) {
      setError(messageOf(e));
      setFields((e as { fields?: Record<string, string> }).fields ?? {});
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={correcting ? `${t('labs.correct')}: ${correcting.testName}` : t('labs.add')} size="lg">
      <form onSubmit={(e) => void submit(e)} data-testid="lab-result-form">
        <Stack gap="sm">
          <ErrorNote message={error} />
          <Group grow>
            <TextInput label={t('labs.testName')} value={testName} onChange={(e) => setTestName(e.currentTarget.value)} error={fields['fields.testName']} data-testid="lab-test-name" required />
            <TextInput label={t('labs.value')} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fields['fields.value']} data-testid="lab-value" required />
            <TextInput label={t('labs.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} data-testid="lab-unit" />
          </Group>
          <Group grow>
            <NumberInput label={t('labs.low')} value={low} onChange={setLow} decimalScale={4} data-testid="lab-low" />
            <NumberInput label={t('labs.high')} value={high} onChange={setHigh} decimalScale={4} error={fields['fields.referenceHigh']} data-testid="lab-high" />
            <TextInput type="datetime-local" label={t('labs.resultedAt')} value={resultedAt} onChange={(e) => setResultedAt(e.currentTarget.value)} error={fields['fields.resultedAt']} data-testid="lab-resulted-at" />
          </Group>
          <Textarea label={t('labs.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="lab-save">
              {t('labs.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
