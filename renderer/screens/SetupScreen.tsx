/**
 * First run: name the practice, say what it treats, and create the first
 * administrator. The tax rate is typed as a percentage and sent as integer
 * basis points (15 % → 1500).
 */
import { useState } from 'react';
import {
  Button,
  Center,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { t } from '../../shared/i18n';
import { SPECIES, type PracticeKind, type Species } from '../../shared/domain/species';
import { createPracticeInput, type CreatePracticeInput } from '../../shared/schemas/practice';
import { fieldErrorsOf, messageOf } from '../api';
import { renameErrors, schemaErrors } from '../forms';
import { labelOf } from '../format';
import { useSession } from '../stores/session';
import { ErrorNote } from '../components/ErrorNote';

interface SetupValues {
  practice: {
    name: string;
    kind: PracticeKind;
    allowedSpecies: Species[];
    currency: string;
    taxRatePercent: number | string;
    timeZone: string;
  };
  administrator: { displayName: string; email: string; password: string; confirmPassword: string };
}

const usable = (zone: string) => zone.includes('/') || zone === 'UTC';

function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && usable(zone) ? zone : 'UTC';
}

/** Every IANA zone the runtime knows (plus UTC and this computer's own, which some lists omit). */
function timeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone').filter(usable);
  } catch {
    // very old runtime: UTC and the local zone only
  }
  return [...new Set(['UTC', localTimeZone(), ...zones])].sort();
}

/** 15 → 1500; 15.5 → 1550. Anything that is not a number is sent as-is for the core to reject. */
function toBasisPoints(percent: number | string): number {
  const n = typeof percent === 'number' ? percent : Number(String(percent).replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
}

const SERVER_TO_FORM = { 'practice.taxRateBasisPoints': 'practice.taxRatePercent' };

export function SetupScreen() {
  const createPractice = useSession((s) => s.createPractice);
  const [zones] = useState(timeZones);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const form = useForm<SetupValues>({
    initialValues: {
      practice: {
        name: '',
        kind: 'medical',
        allowedSpecies: [],
        currency: 'ZAR',
        taxRatePercent: 15,
        timeZone: localTimeZone(),
      },
      administrator: { displayName: '', email: '', password: '', confirmPassword: '' },
    },
  });

  const toInput = (v: SetupValues): CreatePracticeInput => ({
    practice: {
      name: v.practice.name,
      kind: v.practice.kind,
      allowedSpecies: v.practice.kind === 'veterinary' ? v.practice.allowedSpecies : [],
      currency: v.practice.currency,
      taxRateBasisPoints: toBasisPoints(v.practice.taxRatePercent),
      timeZone: v.practice.timeZone,
    },
    administrator: {
      displayName: v.administrator.displayName,
      email: v.administrator.email,
      password: v.administrator.password,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const input = toInput(values);
    const errors = renameErrors(schemaErrors(createPracticeInput, input), SERVER_TO_FORM);
    if (values.administrator.password !== values.administrator.confirmPassword) {
      errors['administrator.confirmPassword'] = t('setup.passwordsDiffer');
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    try {
      await createPractice(input);
    } catch (e) {
      form.setErrors(renameErrors(fieldErrorsOf(e), SERVER_TO_FORM));
      setError(messageOf(e));
      setBusy(false);
    }
  });

  const vet = form.values.practice.kind === 'veterinary';

  return (
    <Center mih="100%" p="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={640} component="form" onSubmit={submit} noValidate data-testid="setup-form">
        <Stack gap="md">
          <div>
            <Title order={2}>{t('setup.title')}</Title>
            <Text c="dimmed" size="sm">
              {t('setup.intro')}
            </Text>
          </div>

          <Divider label={t('setup.practiceSection')} labelPosition="left" />
          <TextInput label={t('setup.practiceName')} required data-autofocus autoFocus data-testid="setup-practice-name" {...form.getInputProps('practice.name')} />
          <Radio.Group label={t('setup.kind')} required {...form.getInputProps('practice.kind')}>
            <Group mt={4}>
              <Radio value="medical" label={t('setup.kind.medical')} data-testid="setup-kind-medical" />
              <Radio value="veterinary" label={t('setup.kind.veterinary')} data-testid="setup-kind-veterinary" />
            </Group>
          </Radio.Group>
          {vet ? (
            <Checkbox.Group
              label={t('setup.allowedSpecies')}
              description={t('setup.allowedSpeciesHint')}
              required
              data-testid="setup-species"
              {...form.getInputProps('practice.allowedSpecies')}
            >
              <Group mt={6} gap="md">
                {SPECIES.map((s) => (
                  <Checkbox key={s} value={s} label={labelOf('species', s)} />
                ))}
              </Group>
            </Checkbox.Group>
          ) : null}
          <SimpleGrid cols={3}>
            <TextInput label={t('setup.currency')} required maxLength={3} data-testid="setup-currency" {...form.getInputProps('practice.currency')} />
            <NumberInput
              label={t('setup.taxRate')}
              required
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              data-testid="setup-tax-rate"
              {...form.getInputProps('practice.taxRatePercent')}
            />
            <Select
              label={t('setup.timeZone')}
              required
              searchable
              data={zones}
              allowDeselect={false}
              nothingFoundMessage={t('common.noMatches')}
              data-testid="setup-time-zone"
              {...form.getInputProps('practice.timeZone')}
            />
          </SimpleGrid>

          <Divider label={t('setup.adminSection')} labelPosition="left" mt="sm" />
          <SimpleGrid cols={2}>
            <TextInput label={t('setup.displayName')} required data-testid="setup-admin-name" {...form.getInputProps('administrator.displayName')} />
            <TextInput label={t('field.email')} type="email" required data-testid="setup-admin-email" {...form.getInputProps('administrator.email')} />
            <PasswordInput
              label={t('field.password')}
              description={t('setup.passwordHint')}
              required
              data-testid="setup-admin-password"
              {...form.getInputProps('administrator.password')}
            />
            <PasswordInput label={t('setup.confirmPassword')} required data-testid="setup-admin-confirm" {...form.getInputProps('administrator.confirmPassword')} />
          </SimpleGrid>

          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="setup-submit">
              {t('setup.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
