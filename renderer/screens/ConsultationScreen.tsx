/**
 * The consultation of one visit: note, vitals, diagnoses, procedures, then
 * signing and addenda. Opened from the queue card or the chart; opening an
 * existing consultation is audited by the core. Started here when the visit
 * has none yet (the core moves the visit to IN_PROGRESS).
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { t } from '../../shared/i18n';
import { useConsultation } from '../stores/consultation';
import { useNav } from '../stores/nav';
import { useCan, useSignedIn } from '../stores/session';
import { ErrorNote } from '../components/ErrorNote';
import { SoapNote } from '../components/consultation/SoapNote';
import { VitalsForm } from '../components/consultation/VitalsForm';
import { DiagnosesPanel } from '../components/consultation/DiagnosesPanel';
import { ProceduresPanel } from '../components/consultation/ProceduresPanel';
import { AddendaPanel, SignBar } from '../components/consultation/SignAndAddenda';
import { PrescribeDialog } from '../components/prescriptions/PrescribeDialog';
import { DocumentsCard } from '../components/chart/DocumentsCard';

export function ConsultationScreen({ visitId }: { visitId: string }) {
  const { practice } = useSignedIn();
  const canWrite = useCan('clinical.write');
  const go = useNav((s) => s.go);
  const s = useConsultation();
  const { open } = s;
  const [prescribing, setPrescribing] = useState(false);
  const [documentsVersion, setDocumentsVersion] = useState(0);

  useEffect(() => {
    void open(visitId, canWrite);
  }, [visitId, canWrite, open]);

  const view = s.view && s.view.visitId === visitId ? s.view : null;
  if (!view) {
    return s.error ? (
      <Stack>
        <ErrorNote message={s.error} />
        <Group>
          <Button variant="default" onClick={() => go({ name: 'queue' })}>
            {t('consultation.back')}
          </Button>
        </Group>
      </Stack>
    ) : (
      <Center py="xl">{s.loading ? <Loader aria-label={t('common.loading')} /> : <Text c="dimmed">—</Text>}</Center>
    );
  }

  return (
    <Stack gap="md" data-testid="consultation-screen" data-status={view.status}>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={3} data-testid="consultation-patient">
            {view.patientName}
          </Title>
          {view.species ? <Badge variant="light">{view.species}</Badge> : null}
          <Badge color={view.status === 'signed' ? 'green' : 'gray'} data-testid="consultation-status">
            {view.status === 'signed' ? 'Signed' : t('consultation.draft')}
          </Badge>
          {view.practitionerName ? <Text c="dimmed">{view.practitionerName}</Text> : null}
        </Group>
        <Group gap="xs">
          {canWrite ? (
            <Button variant="light" onClick={() => setPrescribing(true)} data-testid="consultation-prescribe">
              {t('consultation.prescribe')}
            </Button>
          ) : null}
          <Button variant="default" onClick={() => go({ name: 'chart', patientId: view.patientId })} data-testid="consultation-chart">
            Chart
          </Button>
          <Button variant="default" onClick={() => go({ name: 'queue' })}>
            {t('consultation.back')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SoapNote
              view={view}
              busy={s.busy === 'note'}
              error={s.sectionError.note}
              fieldErrors={s.fieldErrors.note}
              onSave={(note) => s.saveDraft(note)}
            />
            <SignBar view={view} busy={s.busy === 'sign'} error={s.sectionError.sign} onSign={s.sign} />
            <AddendaPanel view={view} busy={s.busy === 'addendum'} error={s.sectionError.addendum} onAdd={s.addAddendum} />
            {/* Files of this visit (a referral, an X-ray): attached to the patient and to the visit. */}
            <DocumentsCard
              patientId={view.patientId}
              visitId={view.visitId}
              timeZone={practice.timeZone}
              canWrite={canWrite}
              version={documentsVersion}
              onChanged={() => setDocumentsVersion((v) => v + 1)}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <VitalsForm view={view} busy={s.busy === 'vitals'} error={s.sectionError.vitals} fieldErrors={s.fieldErrors.vitals} onRecord={s.recordVitals} />
            <DiagnosesPanel view={view} busy={s.busy === 'diagnosis'} error={s.sectionError.diagnosis} fieldErrors={s.fieldErrors.diagnosis} onCode={s.codeDiagnosis}
              onChange={s.changeDiagnosis} onRemove={(id) => s.removeRow('diagnosis', id)} />
            <ProceduresPanel
              view={view}
              currency={practice.currency}
              busy={s.busy === 'procedure'}
              error={s.sectionError.procedure}
              fieldErrors={s.fieldErrors.procedure}
              onAdd={s.addProcedure}
              onRemove={(id) => s.removeRow('procedure', id)}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      {prescribing ? <PrescribeDialog patientId={view.patientId} visitId={view.visitId} onClose={() => setPrescribing(false)} /> : null}
    </Stack>
  );
}
