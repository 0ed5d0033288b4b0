/**
 * Merging a pair: both patients side by side with their record counts; the
 * manager picks the patient to keep and, for each field where they differ,
 * the value to keep; then a confirmation naming both. Every choice is a
 * radio button, so the dialog works from the keyboard (Tab between groups,
 * arrows within one).
 */
import { useEffect, useState } from 'react';
import { Button, Card, Group, Loader, Modal, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import type { DuplicatePair, MergeComparison, MergeRecordCounts, MergeResult, MergeSide } from '../../../shared/api/duplicate-types';
import { t, type MessageKey } from '../../../shared/i18n';
import type { MergeField } from '../../../shared/schemas/duplicates';
import { messageOf } from '../../api';
import { formatDate, joinParts, labelOf } from '../../format';
import { useDuplicates } from '../../stores/duplicates';
import { ErrorNote } from '../ErrorNote';

type Side = 'a' | 'b';
const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');

function valueText(side: MergeSide, field: string): string {
  if (field === 'accountId') return joinParts([`${side.account.firstName} ${side.account.lastName}`, side.account.phonePrimary]);
  const value = (side.patient as unknown as Record<string, unknown>)[field];
  return value === null || value === undefined || value === '' ? t('merge.empty') : String(value);
}

const fieldLabel = (field: string) => (field === 'accountId' ? t('merge.field.accountId') : labelOf('field', field));

function SideCard({ side, value, testId }: { side: MergeSide; value: Side; testId: string }) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Stack gap={4}>
        <Radio value={value} label={<Text fw={600}>{side.displayName}</Text>} description={t('merge.keep')} data-testid={`${testId}-keep`} />
        <Text size="sm" c="dimmed">
          {joinParts([`${side.account.firstName} ${side.account.lastName}`, side.account.phonePrimary])}
        </Text>
        <Text size="xs" c="dimmed">
          {t('merge.registered', { date: formatDate(side.patient.createdAt.slice(0, 10)) })}
        </Text>
        <Text size="xs" fw={600} mt={4}>
          {t('merge.counts')}
        </Text>
        <SimpleGrid cols={2} spacing={2} verticalSpacing={0}>
          {(Object.entries(side.counts) as [keyof MergeRecordCounts, number][]).map(([key, n]) => (
            <Text key={key} size="xs" data-testid={`${testId}-count-${key}`}>
              {t(`merge.count.${key}` as MessageKey)}: {n}
            </Text>
          ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

interface Props {
  pair: DuplicatePair;
  onClose(): void;
  onMerged(result: MergeResult, names: { survivor: string; merged: string }): void;
}

export function MergeDialog({ pair, onClose, onMerged }: Props) {
  const compare = useDuplicates((s) => s.compare);
  const merge = useDuplicates((s) => s.merge);
  const [view, setView] = useState<MergeComparison | null>(null);
  const [survivor, setSurvivor] = useState<Side>('a');
  const [picked, setPicked] = useState<Partial<Record<string, Side>>>({});
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    compare(pair).then(setView, (e: unknown) => setError(messageOf(e)));
  }, [compare, pair]);

  const sides = view ? { a: view.a, b: view.b } : null;
  const names = sides ? { survivor: sides[survivor].displayName, merged: sides[other(survivor)].displayName } : null;

  const submit = async () => {
    if (!sides || !view) return;
    setBusy(true);
    setError(null);
    const keep: Partial<Record<MergeField, 'survivor' | 'merged'>> = {};
    for (const field of view.differing) keep[field as MergeField] = (picked[field] ?? survivor) === survivor ? 'survivor' : 'merged';
    try {
      const result = await merge({ survivorId: sides[survivor].patient.id, mergedId: sides[other(survivor)].patient.id, keep });
      onMerged(result, names!);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={t('merge.title', { a: pair.patientA.displayName, b: pair.patientB.displayName })}>
      <Stack gap="sm" data-testid="merge-dialog">
        {!view && !error ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {view && sides && step === 'choose' ? (
          <>
            <Text size="sm" c="dimmed">
              {t('merge.survivorHelp')}
            </Text>
            <Radio.Group value={survivor} onChange={(v) => setSurvivor(v as Side)} name="merge-survivor">
              <SimpleGrid cols={2}>
                <SideCard side={sides.a} value="a" testId="merge-side-a" />
                <SideCard side={sides.b} value="b" testId="merge-side-b" />
              </SimpleGrid>
            </Radio.Group>
            <Text size="sm" fw={600}>
              {view.differing.length > 0 ? t('merge.fieldsHelp') : t('merge.noDifferences')}
            </Text>
            {view.differing.map((field) => (
              <Radio.Group
                key={field}
                value={picked[field] ?? survivor}
                onChange={(v) => setPicked({ ...picked, [field]: v as Side })}
                name={`merge-field-${field}`}
                label={fieldLabel(field)}
                data-testid={`merge-field-${field}`}
              >
                <SimpleGrid cols={2} mt={4}>
                  <Radio value="a" label={valueText(sides.a, field)} data-testid={`merge-field-${field}-a`} />
                  <Radio value="b" label={valueText(sides.b, field)} data-testid={`merge-field-${field}-b`} />
                </SimpleGrid>
              </Radio.Group>
            ))}
            <ErrorNote message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => setStep('confirm')} data-testid="merge-review">
                {t('merge.next')}
              </Button>
            </Group>
          </>
        ) : null}
        {view && names && step === 'confirm' ? (
          <>
            <Text fw={600}>{t('merge.confirmTitle')}</Text>
            <Text size="sm" data-testid="merge-confirm-text">
              {t('merge.confirm', names)}
            </Text>
            <ErrorNote message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep('choose')} disabled={busy}>
                {t('merge.back')}
              </Button>
              <Button color="red" loading={busy} onClick={() => void submit()} data-autofocus data-testid="merge-confirm">
                {t('merge.do')}
              </Button>
            </Group>
          </>
        ) : null}
        {!view && error ? <ErrorNote message={error} /> : null}
      </Stack>
    </Modal>
  );
}
