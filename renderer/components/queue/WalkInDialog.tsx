/** A patient who walks in without a booking: straight into the waiting queue. */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { notify } from '../../stores/notices';
import { useQueue } from '../../stores/queue';
import { activeServices, practitionersFor, useReception } from '../../stores/reception';
import { ErrorNote } from '../ErrorNote';
import { PatientPicker, type PickedPatient } from '../reception/PatientPicker';

export function WalkInDialog({ onClose }: { onClose: () => void }) {
  const setup = useReception((s) => s.setup);
  const reload = useQueue((s) => s.load);
  const services = activeServices(setup);
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [serviceTypeId, setServiceTypeId] = useState(services[0]?.id ?? '');
  const [practitionerId, setPractitionerId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const practitioners = practitionersFor(setup, serviceTypeId);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!patient || !serviceTypeId) {
      setErrors({ patientId: patient ? '' : t('booking.choosePatient'), serviceTypeId: serviceTypeId ? '' : t('err.required') });
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const entry = await call('visits.walkIn', { patientId: patient.id, serviceTypeId, practitionerId: practitionerId || null });
      notify(t('queue.walkInAdded', { label: entry.queueLabel ?? '', patient: entry.patientName }));
      void reload(true);
      onClose();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('queue.walkInTitle')} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="walk-in-dialog">
        <Stack gap="sm">
          <PatientPicker value={patient} onChange={setPatient} testIdPrefix="walk-in" autoFocus error={errors.patientId || null} />
          <NativeSelect
            label={t('booking.service')}
            data={services.length ? services.map((s) => ({ value: s.id, label: s.name })) : [{ value: '', label: t('booking.noServices') }]}
            value={serviceTypeId}
            onChange={(e) => {
              const next = e.currentTarget.value;
              setServiceTypeId(next);
              if (practitionerId && !practitionersFor(setup, next).some((p) => p.userId === practitionerId)) setPractitionerId('');
            }}
            error={errors.serviceTypeId || undefined}
            data-testid="walk-in-service"
          />
          <NativeSelect
            label={t('booking.practitioner')}
            data={[{ value: '', label: t('queue.anyPractitioner') }, ...practitioners.map((p) => ({ value: p.userId, label: p.displayName }))]}
            value={practitionerId}
            onChange={(e) => setPractitionerId(e.currentTarget.value)}
            data-testid="walk-in-practitioner"
          />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="walk-in-submit">
              {t('queue.addToQueue')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
