/**
 * Money is integer minor units (cents), never floats. Shares are basis
 * points (1% = 100).
 *
 * @example splitShare(35_000, 6_000) // { practitioner: 21_000, centre: 14_000 }
 */
export function splitShare(amountMinor: number, practitionerShareBp: number): { practitioner: number; centre: number } {
  if (!Number.isInteger(amountMinor)) throw new Error(`Money must be whole minor units, got ${amountMinor}`);
  const practitioner = Math.round((amountMinor * practitionerShareBp) / 10_000);
  // The centre takes the remainder, so the two parts always add up to the whole.
  return { practitioner, centre: amountMinor - practitioner };
}

/** How many minor units make one major unit in a currency (2 for ZAR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}

/** "350.00" or "350,5" typed at the desk → 35000 minor units; null if it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const fraction = (m[2] ?? '').padEnd(digits, '0');
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + (digits > 0 ? Number(fraction) : 0);
}
