/** The patient: an animal in a veterinary practice, a person in a medical one. */
import { NativeSelect, Paper, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import type { PracticeInfo } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { bind } from '../../forms';
import { relationshipOptions, reproductiveOptions, sexOptions, speciesOptions } from '../../options';
import { DateField } from '../DateField';
import type { RegisterFormApi } from './registerForm';

function AnimalFields({ form, practice }: { form: RegisterFormApi; practice: PracticeInfo }) {
  const p = 'patient';
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('field.patientName')} required {...bind(form, `${p}.firstName`)} />
        <NativeSelect label={t('field.species')} required data={speciesOptions(practice.allowedSpecies)} {...bind(form, `${p}.species`)} />
        <TextInput label={t('field.breed')} {...bind(form, `${p}.breed`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('field.colour')} {...bind(form, `${p}.colour`)} />
        <NativeSelect label={t('field.sex')} data={sexOptions()} {...bind(form, `${p}.sex`)} />
        <NativeSelect label={t('field.reproductiveStatus')} data={reproductiveOptions()} {...bind(form, `${p}.reproductiveStatus`)} />
        <TextInput label={t('field.microchip')} {...bind(form, `${p}.microchipNumber`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <DateField label={t('field.dateOfBirth')} {...(bind(form, `${p}.dateOfBirth`) as { value: string; onChange: (v: string) => void })} />
        <TextInput label={t('field.approximateAge')} placeholder={t('field.approximateAgeHint')} {...bind(form, `${p}.approximateAge`)} />
        <TextInput label={t('field.insurer')} {...bind(form, `${p}.insurer`)} />
        <TextInput label={t('field.policyNumber')} {...bind(form, `${p}.insurancePolicyNumber`)} />
      </SimpleGrid>
      <Textarea label={t('field.markings')} autosize minRows={1} {...bind(form, `${p}.markings`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('field.alerts')} autosize minRows={2} {...bind(form, `${p}.alerts`)} />
        <Textarea label={t('field.behaviouralNotes')} autosize minRows={2} {...bind(form, `${p}.behaviouralNotes`)} />
      </SimpleGrid>
    </Stack>
  );
}

function PersonFields({ form }: { form: RegisterFormApi }) {
  const p = 'patient';
  const copied = form.values.patientIsAccountHolder && form.values.accountMode === 'new';
  const a = form.values.account.newAccount;
  // When the patient is the account holder, the name and phone shown are the account's.
  const copiedProps = (path: string, value: string) => (copied ? { value, disabled: true, onChange: undefined, readOnly: true } : bind(form, path));
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('field.firstName')} required data-testid={`field-${p}.firstName`} error={form.errors[`${p}.firstName`]} {...copiedProps(`${p}.firstName`, a.firstName)} />
        <TextInput label={t('field.lastName')} required data-testid={`field-${p}.lastName`} error={form.errors[`${p}.lastName`]} {...copiedProps(`${p}.lastName`, a.lastName)} />
        <DateField label={t('field.dateOfBirth')} {...(bind(form, `${p}.dateOfBirth`) as { value: string; onChange: (v: string) => void })} />
        <NativeSelect label={t('field.sex')} data={sexOptions()} {...bind(form, `${p}.sex`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('field.idNumber')} {...bind(form, `${p}.idNumber`)} />
        <TextInput label={t('field.phone')} type="tel" data-testid={`field-${p}.phone`} error={form.errors[`${p}.phone`]} {...copiedProps(`${p}.phone`, a.phonePrimary)} />
        <TextInput label={t('field.email')} type="email" {...bind(form, `${p}.email`)} />
        {copied ? (
          <NativeSelect label={t('field.relationshipToAccount')} data={relationshipOptions()} value="self" disabled />
        ) : (
          <NativeSelect label={t('field.relationshipToAccount')} data={relationshipOptions()} {...bind(form, `${p}.relationshipToAccount`)} />
        )}
      </SimpleGrid>
      <Textarea label={t('field.alerts')} autosize minRows={2} {...bind(form, `${p}.alerts`)} />
    </Stack>
  );
}

export function PatientSection({ form, practice }: { form: RegisterFormApi; practice: PracticeInfo }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="register-patient-title" data-testid="register-patient">
      <Stack gap="sm">
        <Title order={4} id="register-patient-title">
          {t('register.patient')}
        </Title>
        {practice.kind === 'veterinary' ? <AnimalFields form={form} practice={practice} /> : <PersonFields form={form} />}
      </Stack>
    </Paper>
  );
}
