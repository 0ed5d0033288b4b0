/**
 * Phone numbers are matched on their digits alone, so "082 555-1234",
 * "(082) 5551234" and "0825551234" are the same number for search and
 * duplicate checks.
 *
 * @example phoneDigits('+27 (82) 555-1234') // '27825551234'
 */
export function phoneDigits(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D+/g, '');
}
