/**
 * The kinds of entry on a patient's chart timeline. Consultations,
 * prescriptions and vaccinations appear once their tables exist on the device.
 */
export const TIMELINE_TYPES = [
  'visit',
  'consultation',
  'prescription',
  'vaccination',
  'lab_result',
  'document',
  'treatment_plan',
  'allergy',
  'medical_history',
  'payment',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];
