/**
 * The practice's own diagnosis list between two devices through a real hub
 * (embedded Postgres, supabase-js): the same code added on both while apart
 * is one row everywhere (its id derives from the code), concurrent edits of
 * different fields both survive, and retiring it on one desk takes it out
 * of the other's search. Devices and hub end identical.
 */

import { describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { addDiagnosisCode, listDiagnosisCodes, searchDiagnosisCodes, setDiagnosisCodeActive, updateDiagnosisCode } from '../../electron/services/diagnosis-codes';
import {
  addDiagnosisCodeInput,
  listDiagnosisCodesInput,
  searchDiagnosisCodesInput,
  setDiagnosisCodeActiveInput,
  updateDiagnosisCodeInput,
} from '../../shared/schemas/diagnosis-codes';
import { DESKS_START, usePracticeDesks } from './practice-desks';

const desks = usePracticeDesks('practice-desk-dxcodes-');
const found = (db: LocalDatabase, query: string) => searchDiagnosisCodes(db, desks.doctorOn(db), searchDiagnosisCodesInput.parse({ query })).map((h) => h.code);
const list = (db: LocalDatabase) => listDiagnosisCodes(db, desks.doctorOn(db), listDiagnosisCodesInput.parse({ includeRetired: true }));

describe('the practice diagnosis list on two desks', () => {
  it('merges the same code added on both while apart into one row, keeps both desks’ edits, and retires it everywhere', async () => {
    const clock = { now: DESKS_START + 3_600_000 };
    const [one, two] = [await desks.open(clock), await desks.open(clock)];
    try {
      addDiagnosisCode(one, desks.doctorOn(one), addDiagnosisCodeInput.parse({ code: 'LOCAL-01', description: 'Work stress review' }));
      clock.now += 1_000;
      addDiagnosisCode(two, desks.doctorOn(two), addDiagnosisCodeInput.parse({ code: 'local-01', description: 'Work-related stress review', synonyms: 'burnout' }));
      await desks.syncBoth(one, two);
      await desks.pull(one);
      for (const db of [one, two]) {
        expect(list(db)).toEqual([expect.objectContaining({ code: 'LOCAL-01', description: 'Work-related stress review', synonyms: ['burnout'], isActive: true })]);
        expect(found(db, 'burnout')).toEqual(['LOCAL-01']);
      }

      // Apart again: desk 1 edits the description, desk 2 the synonyms; both edits survive.
      const id = list(one)[0]!.id;
      clock.now += 1_000;
      updateDiagnosisCode(one, desks.doctorOn(one), updateDiagnosisCodeInput.parse({ id, description: 'Occupational stress review', synonyms: 'burnout' }));
      updateDiagnosisCode(two, desks.doctorOn(two), updateDiagnosisCodeInput.parse({ id, description: 'Work-related stress review', synonyms: 'burnout; work stress' }));
      await desks.syncBoth(one, two);
      await desks.pull(one);
      for (const db of [one, two]) expect(list(db)[0]).toMatchObject({ description: 'Occupational stress review', synonyms: ['burnout', 'work stress'] });

      clock.now += 1_000;
      setDiagnosisCodeActive(two, desks.doctorOn(two), setDiagnosisCodeActiveInput.parse({ id, active: false }));
      await desks.syncBoth(one, two);
      expect(found(one, 'burnout')).toEqual([]);

      await desks.expectIdenticalWithHub([one, two]);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});
