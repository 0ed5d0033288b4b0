/**
 * Prescribe from the practice's catalogue, for one patient (and visit).
 *
 * For the consultation screen (helper E) — props:
 *   <PrescribeDialog patientId={…} visitId={… or null} onClose={() => …} onIssued={(p) => …} />
 * - patientId: string (uuid), the patient prescribed for;
 * - visitId: string | null, the visit (the consultation's) it belongs to;
 * - species?: string | null, an animal patient's species (keeps other species' items out of the search);
 * - reissueOf?: PrescriptionView, a cancelled prescription whose items start the list;
 * - onClose(): the dialog is done (closed, or closed after issuing);
 * - onIssued?(prescription: PrescriptionView): called once it is issued (refresh lists).
 * The dialog needs clinical.write; the core refuses anyone else.
 *
 * The core decides (prescriptions.check as items are added, and again on
 * issue): an allergy match shows as a warning on the item with a reason
 * field (fill it to override); a controlled drug without the prescriber's
 * licence shows as an error on that item.
 * After issuing, the number shows with "Print / Save PDF".
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import type { MedicationView, PrescribingCheck, PrescriptionView } from '../../../shared/api/prescribing-types';
import { t } from '../../../shared/i18n';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { downloadBase64 } from '../../reception';
import { notify } from '../../stores/notices';
import { ErrorNote } from '../ErrorNote';
import { ItemFields } from './ItemFields';
import { MedicationPicker } from './MedicationPicker';
import { allergyWarningsOf, draftFor, draftsFrom, itemFieldErrors, toItemInput, type DraftItem } from './prescribe-draft';

interface Props {
  patientId: string;
  visitId: string | null;
  species?: string | null;
  reissueOf?: PrescriptionView;
  onClose: () => void;
  onIssued?: (prescription: PrescriptionView) => void;
}

export async function savePrescriptionPdf(prescriptionId: string): Promise<void> {
  const file = await call('prescriptions.pdf', { prescriptionId });
  downloadBase64(file.fileName, file.pdfBase64);
}

export function PrescribeDialog({ patientId, visitId, species = null, reissueOf, onClose, onIssued }: Props) {
  const [items, setItems] = useState<DraftItem[]>(() => (reissueOf ? draftsFrom(reissueOf) : []));
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Map<number, Record<string, string>>>(new Map());
  const [allergies, setAllergies] = useState<Map<number, string[]>>(new Map());
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<PrescriptionView | null>(null);
  const [check, setCheck] = useState<{ key: string; result: PrescribingCheck } | null>(null);
  const nextKey = useRef(1);
  const medicationIds = items.map((i) => i.medication.id);
  const checkKey = medicationIds.join(',');

  useEffect(() => {
    if (!checkKey) return;
    let live = true;
    call('prescriptions.check', { patientId, medicationIds: checkKey.split(',') }).then(
      (result) => live && setCheck({ key: checkKey, result }),
      () => undefined, // the issue itself reports anything wrong
    );
    return () => {
      live = false;
    };
  }, [patientId, checkKey]);

  // What the last check said about the items as they are now (nothing while it is out of date).
  const current = check && check.key === checkKey ? check.result : null;
  const warningsFor = (index: number) =>
    allergies.get(index) ?? current?.allergyWarnings.find((w) => w.item === index)?.allergens;
  const errorsFor = (index: number): Record<string, string> => {
    const controlled = current?.controlledRefusals.find((c) => c.item === index);
    return { ...(controlled ? { medicationId: controlled.message } : {}), ...(fieldErrors.get(index) ?? {}) };
  };

  const clearChecks = () => {
    setFieldErrors(new Map());
    setAllergies(new Map());
    setError(null);
  };
  const add = (medication: MedicationView) => {
    setItems((list) => [...list, draftFor(medication, nextKey.current++)]);
    clearChecks();
  };
  const change = (index: number, item: DraftItem) => setItems((list) => list.map((it, i) => (i === index ? item : it)));
  const remove = (index: number) => {
    setItems((list) => list.filter((_, i) => i !== index));
    clearChecks();
  };

  const issue = async () => {
    if (items.length === 0) {
      setError(t('rx.noItems'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const prescription = await call('prescriptions.prescribe', { patientId, visitId, items: items.map(toItemInput), notes: notes || null });
      setIssued(prescription);
      clearChecks();
      notify(t('rx.issued', { number: prescription.prescriptionNumber }), 'success');
      onIssued?.(prescription);
    } catch (e) {
      setError(messageOf(e));
      setFieldErrors(itemFieldErrors(fieldErrorsOf(e)));
      setAllergies(allergyWarningsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const print = async () => {
    if (!issued) return;
    try {
      await savePrescriptionPdf(issued.id);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('rx.title')} size="xl" data-testid="rx-dialog">
      {issued ? (
        <Stack gap="sm" data-testid="rx-issued" data-prescription-number={issued.prescriptionNumber}>
          <Title order={4}>{t('rx.issued', { number: issued.prescriptionNumber })}</Title>
          {issued.items.map((it) => (
            <Text key={it.id} size="sm">
              {it.medicationName}: {it.dose}, {it.frequency}
            </Text>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void print()} data-testid="rx-pdf">
              {t('rx.printPdf')}
            </Button>
            <Button onClick={onClose} data-testid="rx-done">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <MedicationPicker species={species} onPick={add} />
          {items.length > 0 ? <Title order={6}>{t('rx.items')}</Title> : null}
          {items.map((item, index) => (
            <ItemFields
              key={item.key}
              item={item}
              index={index}
              errors={errorsFor(index)}
              allergens={warningsFor(index)}
              onChange={(next) => change(index, next)}
              onRemove={() => remove(index)}
            />
          ))}
          <Textarea label={t('vx.notes')} autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void issue()} loading={busy} data-testid="rx-issue">
              {t('rx.issue')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
