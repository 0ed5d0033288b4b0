/**
 * A lab value's flag from its reference range: below the range is low, above
 * is high; past the critical limits (if the lab gave them) is critical. A
 * value that is not a number keeps the flag the clinician chose.
 *
 * @example
 *   labFlag(7.9, { low: 3.5, high: 5.5 }); // 'high'
 */
export const LAB_FLAGS = ['normal', 'low', 'high', 'critical', 'abnormal'] as const;
export type LabFlag = (typeof LAB_FLAGS)[number];

export const LAB_RESULT_STATUSES = ['preliminary', 'final'] as const;
export type LabResultStatus = (typeof LAB_RESULT_STATUSES)[number];

export interface ReferenceRange {
  low?: number | null;
  high?: number | null;
  criticalLow?: number | null;
  criticalHigh?: number | null;
}

export function labFlag(value: number | null, range: ReferenceRange): LabFlag | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (range.criticalLow != null && value <= range.criticalLow) return 'critical';
  if (range.criticalHigh != null && value >= range.criticalHigh) return 'critical';
  if (range.low != null && value < range.low) return 'low';
  if (range.high != null && value > range.high) return 'high';
  if (range.low == null && range.high == null) return null;
  return 'normal';
}

/** The number in a result as typed ("5.4", "<0.1" is not one), or null. */
export function numericValue(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}
