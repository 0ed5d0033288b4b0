/**
 * The medication catalogue between two devices through a real hub
 * (embedded Postgres, supabase-js): a drug added on one device is offered
 * by the other's prescribe search after sync; retired on the second, it
 * leaves the first's search too; both end identical with the hub.
 */

import { describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { addMedication, setMedicationActive, updateMedication } from '../../electron/services/medication-catalogue';
import { findMedications } from '../../electron/services/prescribing';
import { addMedicationInput, setMedicationActiveInput, updateMedicationInput } from '../../shared/schemas/catalogue';
import { medicationSearchInput } from '../../shared/schemas/prescribing';
import { DESKS_START, usePracticeDesks } from './practice-desks';

const desks = usePracticeDesks('practice-desk-catalogue-');
const searchNames = (db: LocalDatabase, query: string) => findMedications(db, desks.doctorOn(db), medicationSearchInput.parse({ query })).map((m) => m.name);

describe('a catalogue edit on one device', () => {
  it('reaches the other device through the hub: added, edited, then retired there', async () => {
    const clock = { now: DESKS_START + 3_600_000 };
    const [one, two] = [await desks.open(clock), await desks.open(clock)];
    try {
      expect(searchNames(two, 'prednisolone')).toEqual([]);
      const fields = { name: 'Prednisolone 5 mg tablets', activeIngredients: 'prednisolone', form: 'Tablet', strength: '5 mg', schedule: 'S3', defaultDose: '1 tablet' };
      const added = addMedication(one, desks.doctorOn(one), addMedicationInput.parse({ fields }));
      await desks.syncBoth(one, two);
      expect(searchNames(two, 'prednisolone')).toEqual(['Prednisolone 5 mg tablets']);
      expect(findMedications(two, desks.doctorOn(two), medicationSearchInput.parse({ query: 'prednisolone' }))[0]).toMatchObject({ id: added.id, defaultDose: '1 tablet', schedule: 'S3' });

      // Both offline: device 1 changes the usual dose, device 2 the instructions; both edits survive.
      clock.now += 1_000;
      updateMedication(one, desks.doctorOn(one), updateMedicationInput.parse({ id: added.id, fields: { ...fields, defaultDose: '2 tablets' } }));
      updateMedication(two, desks.doctorOn(two), updateMedicationInput.parse({ id: added.id, fields: { ...fields, defaultInstructions: 'Take with breakfast' } }));
      await desks.syncBoth(one, two);
      await desks.pull(one);
      for (const db of [one, two]) {
        expect(findMedications(db, desks.doctorOn(db), medicationSearchInput.parse({ query: 'prednisolone' }))[0]).toMatchObject({ defaultDose: '2 tablets', defaultInstructions: 'Take with breakfast' });
      }

      clock.now += 1_000;
      setMedicationActive(two, desks.doctorOn(two), setMedicationActiveInput.parse({ id: added.id, active: false }));
      await desks.syncBoth(one, two);
      expect(searchNames(one, 'prednisolone')).toEqual([]);

      await desks.expectIdenticalWithHub([one, two]);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});
