/** The prescribe dialog's working list, and how the core's refusals map onto it. */
import type { AllergyRefusal, MedicationView, PrescriptionView } from '../../../shared/api/prescribing-types';
import type { PrescriptionItemInput } from '../../../shared/schemas/prescribing';
import { ApiError } from '../../api';

export interface DraftItem {
  key: number;
  medication: MedicationView;
  dose: string;
  frequency: string;
  duration: string;
  quantity: string;
  refills: string;
  instructions: string;
  overrideReason: string;
}

export function draftFor(medication: MedicationView, key: number): DraftItem {
  return {
    key,
    medication,
    dose: medication.defaultDose ?? '',
    frequency: medication.defaultFrequency ?? '',
    duration: '',
    quantity: '',
    refills: '0',
    instructions: medication.defaultInstructions ?? '',
    overrideReason: '',
  };
}

/** A cancelled prescription's items as a new draft (cancel + reissue: an issued one is never edited). */
export function draftsFrom(prescription: PrescriptionView): DraftItem[] {
  return prescription.items.map((it, i) => ({
    key: -(i + 1),
    medication: {
      id: it.medicationId,
      name: it.medicationName,
      genericName: null,
      activeIngredients: null,
      form: it.form,
      strength: it.strength,
      route: null,
      category: null,
      nappiCode: null,
      isControlled: it.isControlled,
      schedule: it.schedule,
      species: null,
      defaultDose: null,
      defaultFrequency: null,
      defaultInstructions: null,
    },
    dose: it.dose,
    frequency: it.frequency,
    duration: it.duration ?? '',
    quantity: String(it.quantity),
    refills: String(it.refills),
    instructions: it.instructions ?? '',
    overrideReason: '',
  }));
}

const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function toItemInput(item: DraftItem): PrescriptionItemInput {
  return {
    medicationId: item.medication.id,
    dose: item.dose,
    frequency: item.frequency,
    duration: item.duration || null,
    quantity: whole(item.quantity),
    refills: item.refills.trim() === '' ? 0 : whole(item.refills),
    instructions: item.instructions || null,
    allergyOverrideReason: item.overrideReason || null,
  };
}

/** Per item position: the allergens the core matched (a `conflict` refusal). */
export function allergyWarningsOf(error: unknown): Map<number, string[]> {
  if (!(error instanceof ApiError) || error.kind !== 'conflict') return new Map();
  const detail = error.detail as Partial<AllergyRefusal> | undefined;
  return new Map((detail?.allergyWarnings ?? []).map((w) => [w.item, w.allergens]));
}

/** Per item position: field name → message (`items.2.quantity` → { 2: { quantity: … } }). */
export function itemFieldErrors(fields: Record<string, string>): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  for (const [path, message] of Object.entries(fields)) {
    const m = /^items\.(\d+)\.(\w+)$/.exec(path);
    if (!m) continue;
    const item = Number(m[1]);
    out.set(item, { ...(out.get(item) ?? {}), [m[2]!]: message });
  }
  return out;
}
