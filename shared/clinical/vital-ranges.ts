/**
 * Plausible vital signs per species (people when species is null). Two
 * ranges per measure: outside `possible` the value is refused (a typo: 385
 * for 38.5 °C); outside `usual` it is kept but flagged for the clinician.
 * Pure data and functions: the service refuses with them, the form shows
 * the same messages inline as you type.
 *
 * @example
 *   checkVitals('Cat', { temperature_c: 41.2 }).unusual; // { temperature_c: 'Unusual for a cat (usual 37.7–39.2 °C)' }
 */
export const VITAL_FIELDS = [
  'temperature_c',
  'weight_kg',
  'heart_rate_bpm',
  'respiratory_rate_bpm',
  'bp_systolic',
  'bp_diastolic',
  'body_condition_score',
  'pain_score',
] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];
export type Vitals = Partial<Record<VitalField, number | null>>;

type Range = readonly [number, number];
interface Limits {
  possible: Range;
  usual?: Range;
}
type SpeciesLimits = Partial<Record<VitalField, Limits>>;

export const VITAL_UNITS: Record<VitalField, string> = {
  temperature_c: '°C',
  weight_kg: 'kg',
  heart_rate_bpm: '/min',
  respiratory_rate_bpm: '/min',
  bp_systolic: 'mmHg',
  bp_diastolic: 'mmHg',
  body_condition_score: '',
  pain_score: '',
};

/** Whole numbers only (the rest take one or two decimals). */
const WHOLE: readonly VitalField[] = ['heart_rate_bpm', 'respiratory_rate_bpm', 'bp_systolic', 'bp_diastolic', 'body_condition_score', 'pain_score'];

const COMMON: SpeciesLimits = {
  body_condition_score: { possible: [1, 9] },
  pain_score: { possible: [0, 10] },
};

const LIMITS: Record<string, SpeciesLimits> = {
  person: {
    temperature_c: { possible: [25, 45], usual: [36.1, 37.8] },
    weight_kg: { possible: [0.3, 500] },
    heart_rate_bpm: { possible: [20, 300], usual: [50, 110] },
    respiratory_rate_bpm: { possible: [3, 80], usual: [10, 24] },
    bp_systolic: { possible: [50, 280], usual: [90, 140] },
    bp_diastolic: { possible: [20, 180], usual: [60, 90] },
  },
  Dog: {
    temperature_c: { possible: [30, 44], usual: [37.5, 39.2] },
    weight_kg: { possible: [0.2, 120] },
    heart_rate_bpm: { possible: [20, 350], usual: [60, 140] },
    respiratory_rate_bpm: { possible: [4, 150], usual: [10, 35] },
    bp_systolic: { possible: [50, 300], usual: [110, 160] },
    bp_diastolic: { possible: [20, 200], usual: [60, 100] },
  },
  Cat: {
    temperature_c: { possible: [30, 44], usual: [37.7, 39.2] },
    weight_kg: { possible: [0.1, 20] },
    heart_rate_bpm: { possible: [40, 350], usual: [140, 220] },
    respiratory_rate_bpm: { possible: [4, 150], usual: [20, 40] },
    bp_systolic: { possible: [50, 300], usual: [120, 170] },
    bp_diastolic: { possible: [20, 200], usual: [60, 110] },
  },
  Rabbit: {
    temperature_c: { possible: [30, 44], usual: [38.5, 40] },
    weight_kg: { possible: [0.1, 12] },
    heart_rate_bpm: { possible: [60, 400], usual: [130, 325] },
    respiratory_rate_bpm: { possible: [10, 150], usual: [30, 60] },
  },
  Bird: {
    temperature_c: { possible: [30, 46], usual: [39, 43.5] },
    weight_kg: { possible: [0.005, 20] },
    heart_rate_bpm: { possible: [40, 1000], usual: [150, 600] },
    respiratory_rate_bpm: { possible: [5, 200], usual: [15, 80] },
  },
  Reptile: {
    temperature_c: { possible: [5, 45] },
    weight_kg: { possible: [0.001, 1000] },
    heart_rate_bpm: { possible: [1, 200] },
    respiratory_rate_bpm: { possible: [1, 100] },
  },
  Rodent: {
    temperature_c: { possible: [30, 44], usual: [36.5, 39.5] },
    weight_kg: { possible: [0.005, 5] },
    heart_rate_bpm: { possible: [100, 1000], usual: [250, 600] },
    respiratory_rate_bpm: { possible: [20, 300], usual: [60, 150] },
  },
  Horse: {
    temperature_c: { possible: [32, 44], usual: [37.2, 38.3] },
    weight_kg: { possible: [20, 1500] },
    heart_rate_bpm: { possible: [10, 200], usual: [28, 44] },
    respiratory_rate_bpm: { possible: [2, 100], usual: [8, 16] },
  },
  Other: {
    temperature_c: { possible: [5, 46] },
    weight_kg: { possible: [0.001, 2000] },
    heart_rate_bpm: { possible: [1, 1000] },
    respiratory_rate_bpm: { possible: [1, 300] },
    bp_systolic: { possible: [30, 300] },
    bp_diastolic: { possible: [10, 200] },
  },
};

/** The ranges that apply to a patient of this species (null: a person). */
export function vitalLimits(species: string | null): SpeciesLimits {
  const own = species === null ? LIMITS.person! : (LIMITS[species] ?? LIMITS.Other!);
  return { ...LIMITS.Other, ...COMMON, ...own };
}

const speciesName = (species: string | null) => (species === null ? 'an adult' : `a ${species.toLowerCase()}`);
const span = (r: Range, unit: string) => `${r[0]}–${r[1]}${unit ? ` ${unit}` : ''}`;

export interface VitalsCheck {
  /** Refused: the value cannot be right. */
  errors: Partial<Record<VitalField, string>>;
  /** Kept, highlighted: outside the usual range for the species. */
  unusual: Partial<Record<VitalField, string>>;
}

export function checkVitals(species: string | null, vitals: Vitals): VitalsCheck {
  const limits = vitalLimits(species);
  const result: VitalsCheck = { errors: {}, unusual: {} };
  for (const field of VITAL_FIELDS) {
    const value = vitals[field];
    if (value === null || value === undefined) continue;
    const unit = VITAL_UNITS[field];
    const range = limits[field];
    if (!Number.isFinite(value)) result.errors[field] = 'Must be a number';
    else if (WHOLE.includes(field) && !Number.isInteger(value)) result.errors[field] = 'Must be a whole number';
    else if (range && (value < range.possible[0] || value > range.possible[1])) {
      result.errors[field] = `Not possible for ${speciesName(species)}: must be ${span(range.possible, unit)}`;
    } else if (range?.usual && (value < range.usual[0] || value > range.usual[1])) {
      result.unusual[field] = `Unusual for ${speciesName(species)} (usual ${span(range.usual, unit)})`;
    }
  }
  const { bp_systolic: sys, bp_diastolic: dia } = vitals;
  if (typeof sys === 'number' && typeof dia === 'number' && dia >= sys && !result.errors.bp_diastolic) {
    result.errors.bp_diastolic = 'Diastolic must be lower than systolic';
  }
  return result;
}

export function hasAnyVital(vitals: Vitals): boolean {
  return VITAL_FIELDS.some((f) => vitals[f] !== null && vitals[f] !== undefined);
}
