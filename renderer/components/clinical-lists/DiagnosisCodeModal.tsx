/**
 * Add or edit a code of the practice's diagnosis list. The code is fixed
 * once added (consultations name it); description, species and synonyms
 * can change. Errors from the shared schema or the core land on the fields.
 */
import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { DiagnosisCodeView } from '../../../shared/api/diagnosis-code-types';
import type { PracticeInfo } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { addDiagnosisCodeInput } from '../../../shared/schemas/diagnosis-codes';
import { fieldErrorsOf, messageOf } from '../../api';
import { bind, schemaErrors, unplacedErrors } from '../../forms';
import { useDiagnosisCodes } from '../../stores/diagnosis-codes';
import { ErrorNote } from '../ErrorNote';

interface Values {
  code: string;
  description: string;
  species: string[];
  synonyms: string;
}

interface Props {
  code: DiagnosisCodeView | null;
  practice: PracticeInfo;
  onSaved: (saved: DiagnosisCodeView) => void;
  onClose: () => void;
}

export function DiagnosisCodeModal({ code, practice, onSaved, onClose }: Props) {
  const { add, update } = useDiagnosisCodes.getState();
  const form = useForm<Values>({
    initialValues: { code: code?.code ?? '', description: code?.description ?? '', species: code?.species ?? [], synonyms: code?.synonyms.join('; ') ?? '' },
  });
  const [error, setError] = useState<string | null>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const species = [...new Set([...practice.allowedSpecies, ...(code?.species ?? [])])];

  const showErrors = (found: Record<string, string>, message: string) => {
    form.setErrors(found);
    setExtra(unplacedErrors(found, (path) => path in form.values));
    setError(message);
  };

  const submit = form.onSubmit(async (values) => {
    const found = schemaErrors(addDiagnosisCodeInput, values);
    if (Object.keys(found).length > 0) return showErrors(found, t('err.validation'));
    setBusy(true);
    setError(null);
    try {
      const fields = { description: values.description, species: values.species as never, synonyms: values.synonyms };
      onSaved(code ? await update({ id: code.id, ...fields }) : await add({ code: values.code, ...fields }));
    } catch (e) {
      showErrors(fieldErrorsOf(e), messageOf(e));
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={code ? t('dxcodes.edit') : t('dxcodes.add')} size="lg">
      <form onSubmit={submit} noValidate data-testid="diagnosis-code-form">
        <Stack gap="sm">
          <TextInput label={t('dxcodes.code')} required disabled={code !== null} data-autofocus={code === null ? true : undefined} {...bind(form, 'code')} />
          <TextInput label={t('dxcodes.description')} required data-autofocus={code !== null ? true : undefined} {...bind(form, 'description')} />
          {practice.kind === 'veterinary' ? (
            <MultiSelect label={t('dxcodes.species')} data={species} clearable {...bind(form, 'species')} />
          ) : null}
          <TextInput label={t('dxcodes.synonyms')} placeholder="cystitis; FIC" {...bind(form, 'synonyms')} />
          <ErrorNote message={error} extra={extra} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('dxcodes.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="diagnosis-code-save">
              {t('dxcodes.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
