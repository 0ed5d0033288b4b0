/**
 * Add or edit a catalogue medication. The shared schema checks the form
 * before sending (a controlled drug without a schedule is marked on the
 * schedule field); the core's answer (a duplicate, say) lands on the same
 * fields.
 */
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { CatalogueMedication } from '../../../shared/api/catalogue-types';
import type { PracticeInfo } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { medicationFields, type MedicationFields } from '../../../shared/schemas/catalogue';
import { fieldErrorsOf, messageOf } from '../../api';
import { bind, schemaErrors, unplacedErrors } from '../../forms';
import { useMedicationCatalogue } from '../../stores/medication-catalogue';
import { ErrorNote } from '../ErrorNote';

type Values = { [K in Exclude<keyof MedicationFields, 'isControlled'>]-?: string } & { isControlled: boolean };

const TEXT_FIELDS = [
  'name',
  'genericName',
  'activeIngredients',
  'form',
  'strength',
  'route',
  'category',
  'nappiCode',
  'schedule',
  'species',
  'defaultDose',
  'defaultFrequency',
  'defaultInstructions',
] as const satisfies readonly (keyof Values)[];

function initialValues(m: CatalogueMedication | null): Values {
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, (m?.[f] as string | null | undefined) ?? ''])) as Omit<Values, 'isControlled'>;
  return { ...values, isControlled: m?.isControlled ?? false };
}

/** The core answers with paths under `fields.`; the form's are the field names. */
const formPaths = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.replace(/^fields\./, ''), message]));

interface Props {
  medication: CatalogueMedication | null;
  practice: PracticeInfo;
  onSaved: (saved: CatalogueMedication) => void;
  onClose: () => void;
}

export function MedicationModal({ medication, practice, onSaved, onClose }: Props) {
  const { add, update } = useMedicationCatalogue.getState();
  const form = useForm<Values>({ initialValues: initialValues(medication) });
  const [error, setError] = useState<string | null>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // A species the practice no longer treats stays choosable on the item that has it.
  const species = [...new Set([...practice.allowedSpecies, ...(medication?.species ? [medication.species] : [])])];
  const speciesOptions = [{ value: '', label: t('catalogue.anySpecies') }, ...species.map((s) => ({ value: s, label: s }))];

  const showErrors = (found: Record<string, string>, message: string) => {
    form.setErrors(found);
    setExtra(unplacedErrors(found, (path) => path in form.values));
    setError(message);
  };

  const submit = form.onSubmit(async (values) => {
    const found = schemaErrors(medicationFields, values);
    if (Object.keys(found).length > 0) return showErrors(found, t('err.validation'));
    setBusy(true);
    setError(null);
    try {
      const saved = medication ? await update({ id: medication.id, fields: values }) : await add({ fields: values });
      onSaved(saved);
    } catch (e) {
      showErrors(formPaths(fieldErrorsOf(e)), messageOf(e));
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={medication ? t('catalogue.editTitle') : t('catalogue.add')} size="xl">
      <form onSubmit={submit} noValidate data-testid="medication-form">
        <Stack gap="sm">
          <TextInput label={t('catalogue.name')} required data-autofocus {...bind(form, 'name')} />
          <SimpleGrid cols={3}>
            <TextInput label={t('catalogue.genericName')} {...bind(form, 'genericName')} />
            <TextInput label={t('catalogue.strength')} placeholder="500 mg" {...bind(form, 'strength')} />
            <TextInput label={t('catalogue.form')} placeholder="Tablet" {...bind(form, 'form')} />
            <TextInput label={t('catalogue.route')} placeholder="Oral" {...bind(form, 'route')} />
            <TextInput label={t('catalogue.category')} {...bind(form, 'category')} />
            <TextInput label={t('catalogue.nappiCode')} {...bind(form, 'nappiCode')} />
          </SimpleGrid>
          <TextInput label={t('catalogue.activeIngredients')} description={t('catalogue.activeIngredientsHint')} {...bind(form, 'activeIngredients')} />
          <SimpleGrid cols={3}>
            <Checkbox label={t('catalogue.isControlled')} mt="lg" {...bind(form, 'isControlled', 'checkbox')} />
            <TextInput label={t('catalogue.schedule')} placeholder="S5" required={form.values.isControlled} {...bind(form, 'schedule')} />
            {practice.kind === 'veterinary' ? (
              <NativeSelect label={t('catalogue.species')} description={t('catalogue.speciesHint')} data={speciesOptions} {...bind(form, 'species')} />
            ) : null}
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput label={t('catalogue.defaultDose')} {...bind(form, 'defaultDose')} />
            <TextInput label={t('catalogue.defaultFrequency')} {...bind(form, 'defaultFrequency')} />
          </SimpleGrid>
          <Textarea label={t('catalogue.defaultInstructions')} autosize minRows={2} {...bind(form, 'defaultInstructions')} />
          <ErrorNote message={error} extra={extra} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="medication-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
