/**
 * Prescription numbers, unique per practice even when two desks issue
 * prescriptions while cut off from each other, without asking anyone: like
 * booking references (numbering.ts) the number is drawn from the
 * prescription's own UUIDv7, but from 60 of its random bits rather than 40,
 * because a printed prescription is never renumbered. "RX-7KQ4-M2XD-9A3F":
 * 12 Crockford base-32 characters (no I, L, O, U; easy to read to a
 * pharmacist). Two of a practice's first million prescriptions share a
 * number with a chance of about 4 in 10 million; the device checks its own
 * numbers before issuing and takes the next candidate if one is taken, and
 * a UNIQUE index stops a clash arriving by sync from ever being written.
 *
 * @example prescriptionNumberFor('0192f4b0-7c1e-7abc-8def-0123456789ab') // 'RX-…'
 */
import { CROCKFORD, fnv1a64 } from './numbering';

const UUID_HEX = /^[0-9a-f]{32}$/i;

/** Attempt 0: the last 60 (random) bits of the UUIDv7; later attempts: a hash of id and attempt. */
export function prescriptionNumberFor(prescriptionId: string, attempt = 0): string {
  const hex = prescriptionId.replace(/-/g, '');
  let bits = attempt === 0 && UUID_HEX.test(hex) ? BigInt(`0x${hex.slice(-15)}`) : fnv1a64(`${prescriptionId}#rx#${attempt}`);
  let out = '';
  for (let i = 0; i < 12; i += 1) {
    out = CROCKFORD[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `RX-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

export const PRESCRIPTION_NUMBER = /^RX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
