/** The duplicates list: the pairs, "not the same patient", and merging one pair. */
import { create } from 'zustand';
import type { DuplicatePair, MergeComparison, MergeResult } from '../../shared/api/duplicate-types';
import type { MergeField } from '../../shared/schemas/duplicates';
import { call, messageOf } from '../api';

interface DuplicatesState {
  pairs: DuplicatePair[];
  loading: boolean;
  /** Read at least once (so an empty list means none). */
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Throw the ApiError when the core refuses. */
  dismiss(pair: DuplicatePair): Promise<void>;
  compare(pair: DuplicatePair): Promise<MergeComparison>;
  merge(input: { survivorId: string; mergedId: string; keep: Partial<Record<MergeField, 'survivor' | 'merged'>> }): Promise<MergeResult>;
}

export const useDuplicates = create<DuplicatesState>()((set, get) => ({
  pairs: [],
  loading: false,
  loaded: false,
  error: null,

  async load() {
    set({ loading: true });
    try {
      set({ pairs: await call('duplicates.list', {}), loading: false, loaded: true, error: null });
    } catch (e) {
      set({ loading: false, error: messageOf(e) });
    }
  },

  async dismiss(pair) {
    await call('duplicates.dismiss', { patientAId: pair.patientA.patientId, patientBId: pair.patientB.patientId });
    set({ pairs: get().pairs.filter((p) => p.id !== pair.id) });
  },

  compare(pair) {
    return call('duplicates.compare', { patientAId: pair.patientA.patientId, patientBId: pair.patientB.patientId });
  },

  async merge(input) {
    const result = await call('duplicates.merge', input);
    await get().load();
    return result;
  },
}));
