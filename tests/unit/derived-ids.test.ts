/**
 * Ids derived from a natural key (electron/db/derived-id.ts) must never
 * change between versions: rows already written on devices and the hub carry
 * them, and a device seeding again must hit the same row. These are the ids
 * the earlier, separate implementations gave.
 */
import { describe, expect, it } from 'vitest';
import { duplicatePairId } from '../../electron/db/duplicate-pairs';
import { starterMedicationId } from '../../electron/db/medications';
import { practiceDiagnosisCodeId } from '../../electron/db/practice-diagnosis-codes';
import { defaultProtocolId } from '../../electron/db/protocols';

const P = '01900000-0000-7000-8000-000000000001';
const Q = '02900000-0000-7000-8000-000000000001';

describe('derived row ids', () => {
  it('are the ids earlier versions wrote, for starter medications, duplicate pairs and default protocols', () => {
    expect(starterMedicationId(P, 'amoxicillin-500')).toBe('0bf44797-b4c2-8b4c-8c21-78632b270a84');
    expect(duplicatePairId(Q, P)).toBe('5e1f55ee-dd99-85a5-b8fa-4ef022f121c3');
    expect(defaultProtocolId(P, 'general')).toBe('61fea1a0-074d-8726-9137-b7dfc6ea1e3b');
  });

  it('are UUID-shaped (version 8, RFC 9562 variant) and differ by kind and key', () => {
    const id = practiceDiagnosisCodeId(P, 'FLUTD');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(practiceDiagnosisCodeId(P, 'FLUTD')).toBe(id);
    expect(practiceDiagnosisCodeId(Q, 'FLUTD')).not.toBe(id);
    expect(starterMedicationId(P, 'FLUTD')).not.toBe(id);
  });
});
