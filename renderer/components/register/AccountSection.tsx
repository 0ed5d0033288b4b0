/**
 * Who is responsible for the patient: an account already on file (found by
 * searching patients) or a new one.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientSearchHit } from '../../../shared/api/types';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { bind } from '../../forms';
import { preferredContactOptions } from '../../options';
import type { RegisterFormApi } from './registerForm';

interface AccountHit {
  accountId: string;
  accountName: string;
  phone: string;
  patients: string[];
}

function groupByAccount(hits: PatientSearchHit[]): AccountHit[] {
  const byId = new Map<string, AccountHit>();
  for (const hit of hits) {
    const found = byId.get(hit.accountId);
    if (found) found.patients.push(hit.displayName);
    else byId.set(hit.accountId, { accountId: hit.accountId, accountName: hit.accountName, phone: hit.phone, patients: [hit.displayName] });
  }
  return [...byId.values()];
}

function ExistingAccountPicker({ form }: { form: RegisterFormApi }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [result, setResult] = useState<{ query: string; accounts: AccountHit[]; error: string | null }>({ query: '', accounts: [], error: null });
  const chosen = form.values.existingAccount;
  const error = form.errors['account.existingAccountId'] ?? form.errors['account'];

  useEffect(() => {
    if (!debounced) return;
    let live = true;
    call('patients.search', { query: debounced, limit: 30 })
      .then((hits) => live && setResult({ query: debounced, accounts: groupByAccount(hits), error: null }))
      .catch((e: unknown) => live && setResult({ query: debounced, accounts: [], error: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [debounced]);

  if (chosen) {
    return (
      <Paper withBorder p="sm" data-testid="chosen-account">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{chosen.name}</Text>
            <Text size="sm" c="dimmed">
              {chosen.phone}
            </Text>
          </div>
          <Button variant="subtle" onClick={() => form.setFieldValue('existingAccount', null)}>
            {t('register.changeAccount')}
          </Button>
        </Group>
      </Paper>
    );
  }

  const pending = debounced !== '' && result.query !== debounced;
  return (
    <Stack gap="xs">
      <TextInput
        label={t('register.findAccount')}
        description={t('register.findAccountHint')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        error={error}
        rightSection={pending ? <Loader size="xs" /> : null}
        data-testid="account-search"
      />
      {result.error ? <Text c="red" size="sm">{result.error}</Text> : null}
      {debounced && !pending && result.accounts.length === 0 && !result.error ? (
        <Text size="sm" c="dimmed">
          {t('register.noAccounts')}
        </Text>
      ) : null}
      {debounced && !pending
        ? result.accounts.map((a) => (
            <UnstyledButton
              key={a.accountId}
              onClick={() => form.setFieldValue('existingAccount', { id: a.accountId, name: a.accountName, phone: a.phone })}
              data-testid="account-hit"
            >
              <Paper withBorder p="xs" className="pd-result-row">
                <Text fw={600} size="sm">
                  {a.accountName} <Text span c="dimmed" size="sm">· {a.phone}</Text>
                </Text>
                <Text size="xs" c="dimmed">
                  {t('register.accountPatients', { names: a.patients.join(', ') })}
                </Text>
              </Paper>
            </UnstyledButton>
          ))
        : null}
    </Stack>
  );
}

function NewAccountFields({ form }: { form: RegisterFormApi }) {
  const p = 'account.newAccount';
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('field.title')} {...bind(form, `${p}.title`)} />
        <TextInput label={t('field.firstName')} required {...bind(form, `${p}.firstName`)} />
        <TextInput label={t('field.lastName')} required {...bind(form, `${p}.lastName`)} />
        <TextInput label={t('field.idNumber')} {...bind(form, `${p}.idNumber`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('field.phone')} required type="tel" {...bind(form, `${p}.phonePrimary`)} />
        <TextInput label={t('field.phoneSecondary')} type="tel" {...bind(form, `${p}.phoneSecondary`)} />
        <TextInput label={t('field.email')} type="email" {...bind(form, `${p}.email`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('field.addressLine1')} {...bind(form, `${p}.addressLine1`)} />
        <TextInput label={t('field.addressLine2')} {...bind(form, `${p}.addressLine2`)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('field.city')} {...bind(form, `${p}.city`)} />
        <TextInput label={t('field.region')} {...bind(form, `${p}.region`)} />
        <TextInput label={t('field.postalCode')} {...bind(form, `${p}.postalCode`)} />
        <NativeSelect label={t('field.preferredContact')} data={preferredContactOptions()} {...bind(form, `${p}.preferredContact`)} />
      </SimpleGrid>
      <Group gap="xl">
        <Checkbox label={t('field.emailReminders')} {...bind(form, `${p}.emailReminders`, 'checkbox')} />
        <Checkbox label={t('field.smsReminders')} {...bind(form, `${p}.smsReminders`, 'checkbox')} />
      </Group>
    </Stack>
  );
}

export function AccountSection({ form, medical }: { form: RegisterFormApi; medical: boolean }) {
  const mode = form.values.accountMode;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="register-account-title" data-testid="register-account">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} id="register-account-title">
            {t('register.account')}
          </Title>
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(value) => form.setFieldValue('accountMode', value === 'existing' ? 'existing' : 'new')}
            data={[
              { value: 'new', label: t('register.newAccount') },
              { value: 'existing', label: t('register.existingAccount') },
            ]}
            data-testid="account-mode"
          />
        </Group>
        {typeof form.errors['account'] === 'string' && mode === 'new' ? (
          <Alert color="red" variant="light">
            {form.errors['account']}
          </Alert>
        ) : null}
        {mode === 'existing' ? <ExistingAccountPicker form={form} /> : <NewAccountFields form={form} />}
        {medical && mode === 'new' ? (
          <Checkbox
            mt="xs"
            label={t('register.patientIsAccountHolder')}
            description={t('register.patientIsAccountHolderHint')}
            {...bind(form, 'patientIsAccountHolder', 'checkbox')}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
