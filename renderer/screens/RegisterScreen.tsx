/**
 * Register a patient with their account. Likely duplicates are checked as the
 * user types; if the core still finds some on submit, the user sees them and
 * may register anyway. Errors land beside their fields; nothing typed is lost.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import type { DuplicateCandidate } from '../../shared/api/types';
import { t } from '../../shared/i18n';
import { ApiError, call, fieldErrorsOf, messageOf } from '../api';
import { unplacedErrors } from '../forms';
import { useSignedIn } from '../stores/session';
import { useNav } from '../stores/nav';
import { ErrorNote } from '../components/ErrorNote';
import { AccountSection } from '../components/register/AccountSection';
import { PatientSection } from '../components/register/PatientSection';
import { ExtrasSection } from '../components/register/ExtrasSection';
import { DuplicateWarning } from '../components/register/DuplicateWarning';
import { clientErrors, duplicateQuery, initialRegisterValues, toRegisterInput, type RegisterValues } from '../components/register/registerForm';

function isShown(path: string): boolean {
  return document.querySelector(`[data-testid="field-${CSS.escape(path)}"]`) !== null;
}

function asCandidates(detail: unknown): DuplicateCandidate[] {
  return Array.isArray(detail) ? (detail as DuplicateCandidate[]) : [];
}

export function RegisterScreen() {
  const { practice } = useSignedIn();
  const go = useNav((s) => s.go);
  const vet = practice.kind === 'veterinary';
  const [initial] = useState(() => initialRegisterValues(practice));
  const form = useForm<RegisterValues>({ initialValues: initial });
  const [error, setError] = useState<{ message: string; extra: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<DuplicateCandidate[] | null>(null);

  // Live duplicate check, debounced; answers for an older query are ignored.
  const dupKey = useMemo(() => {
    const q = duplicateQuery(form.values, vet);
    return q ? JSON.stringify(q) : '';
  }, [form.values, vet]);
  const [debouncedKey] = useDebouncedValue(dupKey, 350);
  const [dup, setDup] = useState<{ key: string; candidates: DuplicateCandidate[] }>({ key: '', candidates: [] });

  useEffect(() => {
    if (!debouncedKey) return;
    let live = true;
    call('patients.checkDuplicates', JSON.parse(debouncedKey))
      .then((candidates) => live && setDup({ key: debouncedKey, candidates }))
      .catch(() => live && setDup({ key: debouncedKey, candidates: [] }));
    return () => {
      live = false;
    };
  }, [debouncedKey]);

  const liveCandidates = debouncedKey ? dup.candidates : [];
  const shownCandidates = blocked ?? liveCandidates;

  const submit = async (values: RegisterValues, acknowledge: boolean) => {
    setError(null);
    const input = toRegisterInput(values, practice, acknowledge);
    const errors = clientErrors(input, values.accountMode);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      setError({ message: t('err.validation'), extra: unplacedErrors(errors, isShown) });
      return;
    }
    setBusy(true);
    try {
      const registered = await call('patients.register', input);
      go({ name: 'chart', patientId: registered.patientId });
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.kind === 'duplicate_warning') {
        setBlocked(asCandidates(e.detail));
        return;
      }
      const fields = fieldErrorsOf(e);
      form.setErrors(fields);
      setError({ message: messageOf(e), extra: unplacedErrors(fields, isShown) });
    }
  };

  const onSubmit = form.onSubmit((values) => {
    setBlocked(null);
    void submit(values, false);
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="register-form">
      <Stack gap="md" maw={1100}>
        <Group justify="space-between">
          <Title order={3}>{t('register.title')}</Title>
          <Text size="sm" c="dimmed">
            {vet ? t('register.introVet') : t('register.introMedical')}
          </Text>
        </Group>
        <AccountSection form={form} medical={!vet} />
        <PatientSection form={form} practice={practice} />
        <ExtrasSection form={form} medical={!vet} />

        <Paper withBorder shadow="md" p="sm" radius="md" pos="sticky" bottom="calc(var(--app-shell-footer-offset, 0rem) + var(--mantine-spacing-xs))" style={{ zIndex: 5 }}>
          <Stack gap="sm">
            <DuplicateWarning
              candidates={shownCandidates}
              blocking={blocked !== null}
              busy={busy}
              onOpen={(patientId) => go({ name: 'chart', patientId })}
              onRegisterAnyway={() => void submit(form.getValues(), true)}
            />
            <ErrorNote message={error?.message ?? null} extra={error?.extra} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => go({ name: 'search' })}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy && blocked === null} data-testid="register-submit">
                {t('register.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}
