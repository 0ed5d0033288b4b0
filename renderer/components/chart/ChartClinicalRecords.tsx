/**
 * The clinical records on a chart that share one refresh: lab results,
 * documents and treatment plans, and the timeline (which reloads whenever
 * one of the others changes). The weight history is the consultation's
 * (components/consultation/WeightChart.tsx).
 */
import { useCallback, useState } from 'react';
import { Grid, Stack } from '@mantine/core';
import { DocumentsCard } from './DocumentsCard';
import { LabResultsCard } from './LabResultsCard';
import { TimelineCard } from './TimelineCard';
import { TreatmentPlansCard } from './TreatmentPlansCard';

interface Props {
  patientId: string;
  timeZone: string;
  currency: string;
  canWrite: boolean;
}

export function ChartClinicalRecords({ patientId, timeZone, currency, canWrite }: Props) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  return (
    <Grid gap="md" data-testid="chart-clinical-records">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md">
          <LabResultsCard patientId={patientId} timeZone={timeZone} canWrite={canWrite} version={version} onChanged={changed} />
          <DocumentsCard patientId={patientId} timeZone={timeZone} canWrite={canWrite} version={version} onChanged={changed} />
          <TreatmentPlansCard patientId={patientId} currency={currency} canWrite={canWrite} version={version} onChanged={changed} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TimelineCard patientId={patientId} timeZone={timeZone} currency={currency} version={version} />
      </Grid.Col>
    </Grid>
  );
}
