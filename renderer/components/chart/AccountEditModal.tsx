/** Edit the account holder's details (→ accounts.update). */
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Account } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { accountFields, type AccountFieldsInput } from '../../../shared/schemas/patient';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { bind, schemaErrors } from '../../forms';
import { preferredContactOptions } from '../../options';
import { ErrorNote } from '../ErrorNote';

type TextKey = Exclude<keyof AccountFieldsInput, 'emailReminders' | 'smsReminders' | 'creditLimitMinor' | 'preferredContact'>;
const TEXT_KEYS: TextKey[] = [
  'title', 'firstName', 'lastName', 'idNumber', 'email', 'phonePrimary', 'phoneSecondary',
  'addressLine1', 'addressLine2', 'city', 'region', 'postalCode', 'notes', 'alerts',
];

type Values = Record<TextKey, string> & { preferredContact: string; emailReminders: boolean; smsReminders: boolean };

function toValues(a: Account): Values {
  const out = { preferredContact: a.preferredContact, emailReminders: a.emailReminders, smsReminders: a.smsReminders } as Values;
  for (const key of TEXT_KEYS) out[key] = a[key] ?? '';
  return out;
}

function stripPrefix(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[path.replace(/^account\./, '')] = message;
  return out;
}

interface Props {
  account: Account;
  onSaved: (account: Account) => void;
  onClose: () => void;
}

export function AccountEditModal({ account, onSaved, onClose }: Props) {
  const [initial] = useState(() => toValues(account));
  const form = useForm<Values>({ initialValues: initial });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    // Credit limit is not edited here; it is sent back unchanged.
    const input = { ...values, creditLimitMinor: account.creditLimitMinor } as AccountFieldsInput;
    const found = schemaErrors(accountFields, input);
    if (Object.keys(found).length > 0) {
      form.setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('accounts.update', { accountId: account.id, account: input, expectedUpdatedAt: account.updatedAt }));
      onClose();
    } catch (e) {
      form.setErrors(stripPrefix(fieldErrorsOf(e)));
      setError(messageOf(e));
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('chart.editAccount')} size="xl">
      <form onSubmit={submit} noValidate data-testid="account-edit-form">
        <Stack gap="sm">
          <SimpleGrid cols={4}>
            <TextInput label={t('field.title')} {...bind(form, 'title')} />
            <TextInput label={t('field.firstName')} required data-autofocus {...bind(form, 'firstName')} />
            <TextInput label={t('field.lastName')} required {...bind(form, 'lastName')} />
            <TextInput label={t('field.idNumber')} {...bind(form, 'idNumber')} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <TextInput label={t('field.phone')} required type="tel" {...bind(form, 'phonePrimary')} />
            <TextInput label={t('field.phoneSecondary')} type="tel" {...bind(form, 'phoneSecondary')} />
            <TextInput label={t('field.email')} type="email" {...bind(form, 'email')} />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput label={t('field.addressLine1')} {...bind(form, 'addressLine1')} />
            <TextInput label={t('field.addressLine2')} {...bind(form, 'addressLine2')} />
          </SimpleGrid>
          <SimpleGrid cols={4}>
            <TextInput label={t('field.city')} {...bind(form, 'city')} />
            <TextInput label={t('field.region')} {...bind(form, 'region')} />
            <TextInput label={t('field.postalCode')} {...bind(form, 'postalCode')} />
            <NativeSelect label={t('field.preferredContact')} data={preferredContactOptions()} {...bind(form, 'preferredContact')} />
          </SimpleGrid>
          <Group gap="xl">
            <Checkbox label={t('field.emailReminders')} {...bind(form, 'emailReminders', 'checkbox')} />
            <Checkbox label={t('field.smsReminders')} {...bind(form, 'smsReminders', 'checkbox')} />
          </Group>
          <Textarea label={t('field.accountAlerts')} autosize minRows={1} {...bind(form, 'alerts')} />
          <Textarea label={t('field.notes')} autosize minRows={2} {...bind(form, 'notes')} />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="account-edit-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
