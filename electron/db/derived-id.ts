/**
 * Row ids derived from a natural key, for rows two devices must create as
 * one (a starter catalogue item, a practice's diagnosis code): the same key
 * gives the same id on every desk, so both inserts merge instead of
 * duplicating. UUID-shaped, version 8 (derived, not random).
 */
import { createHash } from 'node:crypto';

export function derivedRowId(kind: string, ...key: readonly string[]): string {
  const hex = createHash('sha256').update([kind, ...key].join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
