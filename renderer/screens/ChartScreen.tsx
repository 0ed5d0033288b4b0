/**
 * A patient's chart: who they are, allergies and alerts up top, then
 * demographics, account, contacts, medical aid and history.
 */
import { useEffect, useState } from 'react';
import { Button, Center, Grid, Group, Loader, Stack } from '@mantine/core';
import type { ChartRecordInput, ChartRecordKind } from '../../shared/schemas/patient';
import { t } from '../../shared/i18n';
import { useChart } from '../stores/patients';
import { useCan, useSignedIn } from '../stores/session';
import { useNav } from '../stores/nav';
import { useToday } from '../hooks';
import { ErrorNote } from '../components/ErrorNote';
import { AlertsPanel, AllergyBanner, ChartHeader } from '../components/chart/ChartHeader';
import { AccountCard, DemographicsCard } from '../components/chart/DetailCards';
import { RecordSection } from '../components/chart/RecordSection';
import { PatientEditModal } from '../components/chart/PatientEditModal';
import { AccountEditModal } from '../components/chart/AccountEditModal';
import { RECORD_KINDS } from '../components/chart/recordKinds';
import { AppointmentsCard } from '../components/chart/AppointmentsCard';
import { ChartConsultations } from '../components/consultation/ChartConsultations';
import { WeightChart } from '../components/consultation/WeightChart';
import { PrescriptionsCard } from '../components/prescriptions/PrescriptionsCard';
import { VaccinationsCard } from '../components/vaccinations/VaccinationsCard';
import { ChartClinicalRecords } from '../components/chart/ChartClinicalRecords';

export function ChartScreen({ patientId }: { patientId: string }) {
  const { practice } = useSignedIn();
  const { chart: loaded, loading, error, load, setChart, saveRecord, removeRecord } = useChart();
  const go = useNav((s) => s.go);
  const canWrite = useCan('patients.write');
  const canClinicalWrite = useCan('clinical.write');
  const canClinicalRead = useCan('clinical.read');
  const canAudit = useCan('audit.read');
  const today = useToday();
  const [editing, setEditing] = useState<'patient' | 'account' | null>(null);

  useEffect(() => {
    void load(patientId);
  }, [patientId, load]);

  // A merged patient's id opens its survivor's chart (redirectedFrom).
  const chart = loaded && (loaded.patient.id === patientId || loaded.redirectedFrom === patientId) ? loaded : null;

  if (!chart) {
    return error ? (
      <Stack>
        <ErrorNote message={error} />
        <Group>
          <Button variant="default" onClick={() => go({ name: 'search' })}>
            {t('chart.backToSearch')}
          </Button>
          <Button onClick={() => void load(patientId)}>{t('common.retry')}</Button>
        </Group>
      </Stack>
    ) : (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }

  const onSave = (kind: ChartRecordKind, id: string | undefined, fields: Record<string, string | boolean>) =>
    saveRecord({ kind, patientId: chart.patient.id, id, fields } as ChartRecordInput);
  const onRemove = (kind: ChartRecordKind, id: string, reason: string) => removeRecord(kind, id, reason);
  const canEditKind = (kind: ChartRecordKind) => canWrite && (!RECORD_KINDS[kind].clinical || canClinicalWrite);
  const medical = chart.patient.kind === 'human';
  const section = (kind: ChartRecordKind) => (
    <RecordSection key={kind} kind={kind} chart={chart} canEdit={canEditKind(kind)} onSave={onSave} onRemove={onRemove} />
  );

  return (
    <Stack gap="md" maw={1200} data-testid="patient-chart" data-patient-id={chart.patient.id} aria-busy={loading}>
      <ChartHeader chart={chart} today={today} canEdit={canWrite} onEdit={() => setEditing('patient')} />
      <AllergyBanner allergies={chart.allergies} />
      <AlertsPanel chart={chart} />
      {error ? <ErrorNote message={error} /> : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <DemographicsCard chart={chart} />
            <AccountCard chart={chart} canEdit={canWrite} onEdit={() => setEditing('account')} onOpenPatient={(id) => go({ name: 'chart', patientId: id })} />
            {section('emergencyContact')}
            {medical ? section('medicalAid') : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            {section('allergy')}
            <AppointmentsCard patientId={chart.patient.id} timeZone={practice.timeZone} />
            {canClinicalRead ? <ChartConsultations patientId={chart.patient.id} /> : null}
            {canClinicalRead ? <WeightChart patientId={chart.patient.id} /> : null}
            {canClinicalRead ? <PrescriptionsCard patientId={chart.patient.id} species={chart.patient.species} timeZone={practice.timeZone} canWrite={canClinicalWrite} /> : null}
            {canClinicalRead ? (
              <VaccinationsCard patientId={chart.patient.id} timeZone={practice.timeZone} today={today} canWrite={canClinicalWrite} />
            ) : null}
            {section('medicalHistory')}
            {medical ? section('familyHistory') : null}
          </Stack>
        </Grid.Col>
      </Grid>
      {canClinicalRead ? (
        <ChartClinicalRecords patientId={chart.patient.id} timeZone={practice.timeZone} currency={practice.currency} canWrite={canClinicalWrite} />
      ) : null}
      {canAudit ? (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => go({ name: 'audit', patientId: chart.patient.id })}>
            {t('chart.viewAudit')}
          </Button>
        </Group>
      ) : null}
      {editing === 'patient' ? <PatientEditModal chart={chart} practice={practice} onSaved={setChart} onClose={() => setEditing(null)} /> : null}
      {editing === 'account' ? (
        <AccountEditModal account={chart.account} onSaved={(account) => setChart({ ...chart, account })} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}
