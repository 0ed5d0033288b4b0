/** Record a dose given: vaccine, type, manufacturer, lot, site, date given, expiry, next due, notes. */
import { useState } from 'react';
import { Button, Grid, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import type { VaccinationView } from '../../../shared/api/prescribing-types';
import { localToUtc } from '../../../shared/domain/practice-time';
import { t } from '../../../shared/i18n';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { DateField } from '../DateField';
import { ErrorNote } from '../ErrorNote';

interface Props {
  patientId: string;
  visitId: string | null;
  timeZone: string;
  today: string;
  onClose: () => void;
  onRecorded: (vaccination: VaccinationView) => void;
}

type Field = 'vaccineName' | 'vaccineType' | 'manufacturer' | 'lotNumber' | 'site' | 'notes';

export function RecordVaccinationDialog({ patientId, visitId, timeZone, today, onClose, onRecorded }: Props) {
  const [values, setValues] = useState<Record<Field, string>>({ vaccineName: '', vaccineType: '', manufacturer: '', lotNumber: '', site: '', notes: '' });
  const [givenOn, setGivenOn] = useState(today);
  const [expiryDate, setExpiryDate] = useState('');
  const [nextDueOn, setNextDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const text = (name: Field, label: string, span = 6) => (
    <Grid.Col span={span}>
      <TextInput
        label={label}
        required={name === 'vaccineName'}
        value={values[name]}
        error={errors[name]}
        onChange={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
        data-testid={`vx-${name}`}
      />
    </Grid.Col>
  );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Today: the moment of recording; an earlier day: noon that day, practice time.
      const givenAt = givenOn && givenOn !== today ? localToUtc(`${givenOn}T12:00`, timeZone) : null;
      const recorded = await call('vaccinations.record', { patientId, visitId, ...values, givenAt, expiryDate: expiryDate || null, nextDueOn: nextDueOn || null });
      onRecorded(recorded);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('vx.record')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="vx-form">
        <Stack gap="sm">
          <Grid gap="xs">
            {text('vaccineName', t('vx.vaccineName'))}
            {text('vaccineType', t('vx.vaccineType'))}
            {text('manufacturer', t('vx.manufacturer'))}
            {text('lotNumber', t('vx.lotNumber'))}
            {text('site', t('vx.site'))}
            <Grid.Col span={6}>
              <DateField label={t('vx.givenOn')} value={givenOn} onChange={setGivenOn} error={errors.givenAt} maxDate={today} data-testid="vx-givenOn" />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField label={t('vx.expiryDate')} value={expiryDate} onChange={setExpiryDate} error={errors.expiryDate} data-testid="vx-expiryDate" />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField label={t('vx.nextDueOn')} value={nextDueOn} onChange={setNextDueOn} error={errors.nextDueOn} data-testid="vx-nextDueOn" />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('vx.notes')} autosize minRows={1} value={values.notes} onChange={(e) => setValues({ ...values, notes: e.currentTarget.value })} />
            </Grid.Col>
          </Grid>
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="vx-submit">
              {t('vx.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
