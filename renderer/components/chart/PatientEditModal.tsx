/** Edit a patient's demographics (→ patients.update). */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Patient, PatientChart, PracticeInfo } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { patientFields, type PatientFieldsInput } from '../../../shared/schemas/patient';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { bind, schemaErrors } from '../../forms';
import { patientStatusOptions, relationshipOptions, reproductiveOptions, sexOptions, speciesOptions } from '../../options';
import { DateField } from '../DateField';
import { ErrorNote } from '../ErrorNote';

type Values = Record<keyof PatientFieldsInput, string>;

const KEYS = Object.keys(patientFields.shape) as (keyof PatientFieldsInput)[];
const NULLABLE_CHOICES = new Set<string>(['reproductiveStatus', 'species']);

function toValues(p: Patient): Values {
  const out = {} as Values;
  for (const key of KEYS) {
    const v = (p as unknown as Record<string, unknown>)[key];
    out[key] = typeof v === 'string' ? v : '';
  }
  return out;
}

function toInput(v: Values): PatientFieldsInput {
  const out: Record<string, string | null> = {};
  for (const key of KEYS) out[key] = NULLABLE_CHOICES.has(key) && v[key] === '' ? null : v[key];
  if (v.status !== 'deceased') out.deceasedDate = null;
  return out as unknown as PatientFieldsInput;
}

function stripPrefix(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[path.replace(/^patient\./, '')] = message;
  return out;
}

interface Props {
  chart: PatientChart;
  practice: PracticeInfo;
  onSaved: (chart: PatientChart) => void;
  onClose: () => void;
}

export function PatientEditModal({ chart, practice, onSaved, onClose }: Props) {
  const animal = chart.patient.kind === 'animal';
  const [initial] = useState(() => toValues(chart.patient));
  const form = useForm<Values>({ initialValues: initial });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    const patient = toInput(values);
    const found = schemaErrors(patientFields, patient);
    if (Object.keys(found).length > 0) {
      form.setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('patients.update', { patientId: chart.patient.id, patient, expectedUpdatedAt: chart.patient.updatedAt }));
      onClose();
    } catch (e) {
      form.setErrors(stripPrefix(fieldErrorsOf(e)));
      setError(messageOf(e));
      setBusy(false);
    }
  });

  const date = (path: keyof Values) => bind(form, path) as { value: string; onChange: (v: string) => void };

  return (
    <Modal opened onClose={onClose} title={t('chart.editPatient')} size="xl">
      <form onSubmit={submit} noValidate data-testid="patient-edit-form">
        <Stack gap="sm">
          {animal ? (
            <>
              <SimpleGrid cols={3}>
                <TextInput label={t('field.patientName')} required data-autofocus {...bind(form, 'firstName')} />
                <NativeSelect label={t('field.species')} required data={speciesOptions(practice.allowedSpecies)} {...bind(form, 'species')} />
                <TextInput label={t('field.breed')} {...bind(form, 'breed')} />
                <TextInput label={t('field.colour')} {...bind(form, 'colour')} />
                <NativeSelect label={t('field.sex')} data={sexOptions()} {...bind(form, 'sex')} />
                <NativeSelect label={t('field.reproductiveStatus')} data={reproductiveOptions()} {...bind(form, 'reproductiveStatus')} />
                <DateField label={t('field.dateOfBirth')} {...date('dateOfBirth')} />
                <TextInput label={t('field.approximateAge')} {...bind(form, 'approximateAge')} />
                <TextInput label={t('field.microchip')} {...bind(form, 'microchipNumber')} />
                <TextInput label={t('field.insurer')} {...bind(form, 'insurer')} />
                <TextInput label={t('field.policyNumber')} {...bind(form, 'insurancePolicyNumber')} />
              </SimpleGrid>
              <Textarea label={t('field.markings')} autosize minRows={1} {...bind(form, 'markings')} />
              <Textarea label={t('field.behaviouralNotes')} autosize minRows={2} {...bind(form, 'behaviouralNotes')} />
            </>
          ) : (
            <SimpleGrid cols={3}>
              <TextInput label={t('field.firstName')} required data-autofocus {...bind(form, 'firstName')} />
              <TextInput label={t('field.lastName')} required {...bind(form, 'lastName')} />
              <DateField label={t('field.dateOfBirth')} {...date('dateOfBirth')} />
              <NativeSelect label={t('field.sex')} data={sexOptions()} {...bind(form, 'sex')} />
              <TextInput label={t('field.idNumber')} {...bind(form, 'idNumber')} />
              <TextInput label={t('field.phone')} type="tel" {...bind(form, 'phone')} />
              <TextInput label={t('field.email')} type="email" {...bind(form, 'email')} />
              <NativeSelect label={t('field.relationshipToAccount')} data={relationshipOptions()} {...bind(form, 'relationshipToAccount')} />
            </SimpleGrid>
          )}
          <SimpleGrid cols={3}>
            <NativeSelect label={t('field.status')} data={patientStatusOptions()} {...bind(form, 'status')} />
            {form.values.status === 'deceased' ? <DateField label={t('field.deceasedDate')} {...date('deceasedDate')} /> : null}
          </SimpleGrid>
          <Textarea label={t('field.alerts')} autosize minRows={2} {...bind(form, 'alerts')} />
          <Textarea label={t('field.notes')} autosize minRows={2} {...bind(form, 'notes')} />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="patient-edit-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
