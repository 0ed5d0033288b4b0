/** Optional at registration: emergency contacts, medical aid, and known allergies. */
import { ActionIcon, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { bind } from '../../forms';
import { severityOptions } from '../../options';
import { emptyAllergy, emptyEmergencyContact, type RegisterFormApi } from './registerForm';

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={label} title={label} onClick={onClick} mt={24}>
      ✕
    </ActionIcon>
  );
}

function EmergencyContacts({ form }: { form: RegisterFormApi }) {
  return (
    <Stack gap="xs" data-testid="register-emergency-contacts">
      <Group justify="space-between">
        <Text fw={600}>{t('register.emergencyContacts')}</Text>
        <Button size="xs" variant="light" onClick={() => form.insertListItem('emergencyContacts', emptyEmergencyContact())}>
          {t('register.addEmergencyContact')}
        </Button>
      </Group>
      {form.values.emergencyContacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : null}
      {form.values.emergencyContacts.map((_, i) => (
        <Group key={i} align="flex-start" wrap="nowrap" gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 4 }} style={{ flex: 1 }}>
            <TextInput label={t('field.contactName')} required {...bind(form, `emergencyContacts.${i}.name`)} />
            <TextInput label={t('field.relationship')} {...bind(form, `emergencyContacts.${i}.relationship`)} />
            <TextInput label={t('field.phone')} required type="tel" {...bind(form, `emergencyContacts.${i}.phone`)} />
            <TextInput label={t('field.alternatePhone')} type="tel" {...bind(form, `emergencyContacts.${i}.alternatePhone`)} />
          </SimpleGrid>
          <RemoveButton label={t('register.removeEmergencyContact')} onClick={() => form.removeListItem('emergencyContacts', i)} />
        </Group>
      ))}
    </Stack>
  );
}

function MedicalAid({ form }: { form: RegisterFormApi }) {
  const p = 'medicalAid';
  const on = form.values.withMedicalAid;
  return (
    <Stack gap="xs" data-testid="register-medical-aid">
      <Checkbox label={t('register.hasMedicalAid')} {...bind(form, 'withMedicalAid', 'checkbox')} />
      {on ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput label={t('field.scheme')} required {...bind(form, `${p}.scheme`)} />
            <TextInput label={t('field.plan')} {...bind(form, `${p}.plan`)} />
            <TextInput label={t('field.memberNumber')} required {...bind(form, `${p}.memberNumber`)} />
            <TextInput label={t('field.dependantCode')} {...bind(form, `${p}.dependantCode`)} />
          </SimpleGrid>
          <Checkbox label={t('field.isMainMember')} {...bind(form, `${p}.isMainMember`, 'checkbox')} />
          {!form.values.medicalAid.isMainMember ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('field.mainMemberName')} {...bind(form, `${p}.mainMemberName`)} />
              <TextInput label={t('field.mainMemberIdNumber')} {...bind(form, `${p}.mainMemberIdNumber`)} />
            </SimpleGrid>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

function Allergies({ form }: { form: RegisterFormApi }) {
  return (
    <Stack gap="xs" data-testid="register-allergies">
      <Group justify="space-between">
        <Text fw={600}>{t('register.allergies')}</Text>
        <Button size="xs" variant="light" color="red" onClick={() => form.insertListItem('allergies', emptyAllergy())}>
          {t('register.addAllergy')}
        </Button>
      </Group>
      {form.values.allergies.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('register.noAllergiesYet')}
        </Text>
      ) : null}
      {form.values.allergies.map((_, i) => (
        <Group key={i} align="flex-start" wrap="nowrap" gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
            <TextInput label={t('field.allergen')} required {...bind(form, `allergies.${i}.allergen`)} />
            <TextInput label={t('field.reaction')} {...bind(form, `allergies.${i}.reaction`)} />
            <NativeSelect label={t('field.severity')} data={severityOptions()} {...bind(form, `allergies.${i}.severity`)} />
          </SimpleGrid>
          <RemoveButton label={t('register.removeAllergy')} onClick={() => form.removeListItem('allergies', i)} />
        </Group>
      ))}
    </Stack>
  );
}

export function ExtrasSection({ form, medical }: { form: RegisterFormApi; medical: boolean }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="register-extras-title" data-testid="register-extras">
      <Stack gap="md">
        <Title order={4} id="register-extras-title">
          {t('register.extras')}
        </Title>
        <Allergies form={form} />
        <EmergencyContacts form={form} />
        {medical ? <MedicalAid form={form} /> : null}
      </Stack>
    </Paper>
  );
}
