/** The patient's weight history on the chart: a small line of every recorded weight, oldest to newest. */
import { useEffect, useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { WeightPoint } from '../../../shared/api/consultation-types';
import { call, messageOf } from '../../api';
import { ErrorNote } from '../ErrorNote';

const W = 320;
const H = 90;
const PAD = 8;

export function WeightChart({ patientId }: { patientId: string }) {
  const [points, setPoints] = useState<WeightPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('consultations.weightHistory', { patientId })
      .then((found) => live && setPoints(found))
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [patientId]);

  if (!error && (!points || points.length === 0)) return null;
  const weights = (points ?? []).map((p) => p.weightKg);
  const min = Math.min(...weights);
  const max = Math.max(...weights);
  const span = max - min || 1;
  const x = (i: number) => PAD + (weights.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (weights.length - 1));
  const y = (w: number) => H - PAD - ((w - min) / span) * (H - 2 * PAD);
  const last = points?.at(-1);

  return (
    <Paper withBorder p="md" radius="md" data-testid="weight-chart">
      <Stack gap={4}>
        <Title order={5}>Weight</Title>
        <ErrorNote message={error} />
        {last ? (
          <>
            <Text size="sm" data-testid="weight-latest">
              {last.weightKg} kg · {new Date(last.recordedAt).toLocaleDateString([], { dateStyle: 'medium' })}
            </Text>
            <svg width={W} height={H} role="img" aria-label={`Weight history: ${weights.join(', ')} kg`}>
              <polyline fill="none" stroke="var(--mantine-color-teal-6)" strokeWidth={2} points={weights.map((w, i) => `${x(i)},${y(w)}`).join(' ')} />
              {weights.map((w, i) => (
                <circle key={i} cx={x(i)} cy={y(w)} r={3} fill="var(--mantine-color-teal-7)">
                  <title>{`${w} kg, ${new Date(points![i]!.recordedAt).toLocaleDateString()}`}</title>
                </circle>
              ))}
            </svg>
            <Text size="xs" c="dimmed">
              {min} – {max} kg
            </Text>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
