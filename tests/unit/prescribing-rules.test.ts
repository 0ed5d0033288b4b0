import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { allergyMatches } from '../../shared/clinical/allergy-match';
import { prescribingProblems } from '../../shared/clinical/prescribing-rules';
import { addDays, dueDoses, dueState } from '../../shared/clinical/vaccination-due';
import { PRESCRIPTION_NUMBER, prescriptionNumberFor } from '../../shared/domain/prescription-number';

const drug = (name: string, genericName: string | null, activeIngredients: string | null) => ({ name, genericName, activeIngredients });
const allergy = (allergen: string) => ({ id: allergen, allergen });

describe('allergy matching', () => {
  it('matches by name, generic name, ingredient and drug class, ignoring case and salt words', () => {
    expect(allergyMatches(drug('Amoxil', 'amoxicillin', null), [allergy('Penicillin')])).toHaveLength(1);
    expect(allergyMatches(drug('Co-trimoxazole 480 mg', 'co-trimoxazole', 'sulfamethoxazole, trimethoprim'), [allergy('Sulfa drugs')])).toHaveLength(1);
    expect(allergyMatches(drug('Meloxicam 0.5 mg/ml', 'meloxicam', 'meloxicam'), [allergy('NSAIDs')])).toHaveLength(1);
    expect(allergyMatches(drug('Tramadol 50 mg', 'tramadol', 'tramadol hydrochloride'), [allergy('TRAMADOL')])).toHaveLength(1);
    expect(allergyMatches(drug('Augmentin', null, 'amoxicillin trihydrate, clavulanic acid'), [allergy('amoxicillin')])).toHaveLength(1);
  });

  it('does not match unrelated allergens or short shared fragments', () => {
    const paracetamol = drug('Paracetamol 500 mg tablets', 'paracetamol', 'paracetamol');
    expect(allergyMatches(paracetamol, [allergy('Penicillin'), allergy('Bee stings'), allergy('Latex'), allergy('Sodium')])).toEqual([]);
    expect(allergyMatches(drug('Cefalexin', 'cefalexin', 'cefalexin'), [allergy('Penicillin')])).toEqual([]);
  });

  it('refuses an unoverridden allergy and an unlicensed controlled drug, per item', () => {
    const tramadol = { ...drug('Tramadol', 'tramadol', null), isControlled: true, schedule: 'S6' };
    const amoxicillin = { ...drug('Amoxicillin', 'amoxicillin', null), isControlled: false, schedule: 'S4' };
    const items = [
      { medication: amoxicillin, overrideReason: null },
      { medication: tramadol, overrideReason: null },
    ];
    expect(prescribingProblems({ items, allergies: [allergy('Penicillin')], prescriberLicence: '  ' })).toEqual([
      { kind: 'allergy', item: 0, medicationName: 'Amoxicillin', allergens: ['Penicillin'] },
      { kind: 'controlled', item: 1, medicationName: 'Tramadol', schedule: 'S6' },
    ]);
    const overridden = [{ medication: amoxicillin, overrideReason: 'Tolerated before' }, items[1]!];
    expect(prescribingProblems({ items: overridden, allergies: [allergy('Penicillin')], prescriberLicence: 'MP 1' })).toEqual([]);
  });
});

describe('prescription numbers', () => {
  it('come from the id, look alike, differ per attempt, and do not repeat over many ids', () => {
    const id = uuidv7();
    expect(prescriptionNumberFor(id)).toBe(prescriptionNumberFor(id));
    expect(prescriptionNumberFor(id)).toMatch(PRESCRIPTION_NUMBER);
    expect(prescriptionNumberFor(id, 1)).toMatch(PRESCRIPTION_NUMBER);
    expect(prescriptionNumberFor(id, 1)).not.toBe(prescriptionNumberFor(id));
    const many = new Set(Array.from({ length: 20_000 }, () => prescriptionNumberFor(uuidv7())));
    expect(many.size).toBe(20_000);
  });
});

describe('vaccination due dates', () => {
  it('puts overdue before asOf, due from asOf to the window end inclusive', () => {
    expect(dueState('2026-11-30', '2026-12-01', 30)).toBe('overdue');
    expect(dueState('2026-12-01', '2026-12-01', 30)).toBe('due');
    expect(dueState('2026-12-31', '2026-12-01', 30)).toBe('due');
    expect(dueState('2027-01-01', '2026-12-01', 30)).toBeNull();
    expect(dueState(null, '2026-12-01', 30)).toBeNull();
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across a DST change
  });

  it('counts only the latest dose of each vaccine per patient', () => {
    const doses = [
      { id: 'a', patientId: 'p', vaccineName: 'FVRCP', givenAt: '2025-01-01T00:00:00Z', nextDueOn: '2026-01-01' },
      { id: 'b', patientId: 'p', vaccineName: 'fvrcp ', givenAt: '2026-01-02T00:00:00Z', nextDueOn: '2027-01-02' },
      { id: 'c', patientId: 'q', vaccineName: 'FVRCP', givenAt: '2025-01-01T00:00:00Z', nextDueOn: '2026-01-01' },
    ];
    expect(dueDoses(doses, '2026-06-01', 30).map((d) => [d.id, d.state, d.daysUntilDue])).toEqual([['c', 'overdue', -151]]);
  });
});
