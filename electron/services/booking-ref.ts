/**
 * Booking references: 8 random Crockford base-32 characters ("7KQ4-M2XD"),
 * easy to read over the phone. Random rather than sequential so two desks
 * that are offline from each other do not hand out the same one (40 bits:
 * a clash is a one-in-a-trillion event the sync engine still detects).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newBookingRef(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i += 1) out += ALPHABET[bytes[i]! % 32];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
