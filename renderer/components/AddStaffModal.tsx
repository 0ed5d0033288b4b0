import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { PracticeKind } from '../../shared/domain/species';
import type { Role } from '../../shared/domain/roles';
import { t } from '../../shared/i18n';
import { addStaffInput } from '../../shared/schemas/staff';
import { fieldErrorsOf, messageOf } from '../api';
import { bind, schemaErrors } from '../forms';
import { roleOptions } from '../options';
import { useStaff } from '../stores/staff';
import { ErrorNote } from './ErrorNote';

interface Values {
  displayName: string;
  email: string;
  password: string;
  role: Role;
  licenceNumber: string;
}

export function AddStaffModal({ kind, onClose }: { kind: PracticeKind; onClose: () => void }) {
  const add = useStaff((s) => s.add);
  const form = useForm<Values>({ initialValues: { displayName: '', email: '', password: '', role: 'receptionist', licenceNumber: '' } });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    const found = schemaErrors(addStaffInput, values);
    if (Object.keys(found).length > 0) {
      form.setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await add(values);
      onClose();
    } catch (e) {
      form.setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('staff.addTitle')} size="lg">
      <form onSubmit={submit} noValidate data-testid="add-staff-form">
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <TextInput label={t('staff.name')} required data-autofocus {...bind(form, 'displayName')} />
            <TextInput label={t('field.email')} type="email" required {...bind(form, 'email')} />
            <PasswordInput label={t('staff.temporaryPassword')} description={t('setup.passwordHint')} required {...bind(form, 'password')} />
            <NativeSelect label={t('staff.role')} data={roleOptions(kind)} {...bind(form, 'role')} />
            <TextInput label={t('staff.licenceNumber')} {...bind(form, 'licenceNumber')} />
          </SimpleGrid>
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="add-staff-save">
              {t('staff.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
