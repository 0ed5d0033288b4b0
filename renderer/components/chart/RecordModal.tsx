/** Add or edit one record on a chart list, from its field description. */
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { schemaErrors } from '../../forms';
import { DateField } from '../DateField';
import { ErrorNote } from '../ErrorNote';
import { recordValues, type FieldSpec, type RecordKindSpec, type RecordRow } from './recordKinds';

interface Props {
  spec: RecordKindSpec;
  row: RecordRow | null;
  onSave: (fields: Record<string, string | boolean>) => Promise<void>;
  onClose: () => void;
}

function stripPrefix(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[path.replace(/^fields\./, '')] = message;
  return out;
}

export function RecordModal({ spec, row, onSave, onClose }: Props) {
  const [values, setValues] = useState(() => recordValues(spec, row));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const next = { ...e };
      delete next[name];
      return next;
    });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const shown = spec.fields.filter((f) => !f.when || f.when(values));
    const fields: Record<string, string | boolean> = {};
    for (const f of shown) fields[f.name] = values[f.name] ?? '';
    const found = schemaErrors(spec.schema, fields);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(fields);
      onClose();
    } catch (e) {
      setErrors(stripPrefix(fieldErrorsOf(e)));
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const input = (f: FieldSpec) => {
    const common = { label: t(f.label), required: f.required, error: errors[f.name], 'data-testid': `record-${f.name}` };
    const value = values[f.name];
    switch (f.type) {
      case 'checkbox':
        return <Checkbox key={f.name} {...common} checked={value === true} onChange={(e) => set(f.name, e.currentTarget.checked)} />;
      case 'select':
        return <NativeSelect key={f.name} {...common} data={f.options?.() ?? []} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} />;
      case 'date':
        return <DateField key={f.name} {...common} value={String(value ?? '')} onChange={(v) => set(f.name, v)} />;
      case 'textarea':
        return <Textarea key={f.name} {...common} autosize minRows={2} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} />;
      default:
        return (
          <TextInput key={f.name} {...common} type={f.type === 'tel' ? 'tel' : 'text'} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} />
        );
    }
  };

  const shortFields = spec.fields.filter((f) => f.type !== 'textarea' && f.type !== 'checkbox' && (!f.when || f.when(values)));
  const otherFields = spec.fields.filter((f) => (f.type === 'textarea' || f.type === 'checkbox') && (!f.when || f.when(values)));

  return (
    <Modal opened onClose={onClose} title={t(row ? 'chart.editItem' : 'chart.addItem', { item: t(spec.itemName) })} size="lg">
      <form onSubmit={submit} noValidate data-testid="record-form">
        <Stack gap="sm">
          <SimpleGrid cols={2}>{shortFields.map(input)}</SimpleGrid>
          {otherFields.map(input)}
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="record-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
