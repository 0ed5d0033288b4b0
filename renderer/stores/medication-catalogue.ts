/**
 * The medication catalogue as the Clinical lists screen shows it: the list
 * for the filter typed (retired items included), reloaded after each change
 * so the table always shows what the core holds.
 */
import { create } from 'zustand';
import type { CatalogueMedication } from '../../shared/api/catalogue-types';
import type { InputOf } from '../../shared/api/contract';
import { call, messageOf } from '../api';

interface CatalogueState {
  items: CatalogueMedication[] | null;
  query: string;
  loading: boolean;
  error: string | null;
  load(query?: string): Promise<void>;
  add(input: InputOf<'medications.add'>): Promise<CatalogueMedication>;
  update(input: InputOf<'medications.update'>): Promise<CatalogueMedication>;
  setActive(id: string, active: boolean): Promise<CatalogueMedication>;
}

// Answers can arrive out of order while the filter is typed: only the newest request's counts.
let latest = 0;

export const useMedicationCatalogue = create<CatalogueState>()((set, get) => {
  const reloadAfter = async (saved: Promise<CatalogueMedication>) => {
    const medication = await saved;
    await get().load();
    return medication;
  };
  return {
    items: null,
    query: '',
    loading: false,
    error: null,

    async load(query = get().query) {
      const request = ++latest;
      set({ query, loading: true, error: null });
      try {
        const items = await call('medications.list', { query });
        if (request === latest) set({ items, loading: false });
      } catch (e) {
        if (request === latest) set({ loading: false, error: messageOf(e) });
      }
    },
    add: (input) => reloadAfter(call('medications.add', input)),
    update: (input) => reloadAfter(call('medications.update', input)),
    setActive: (id, active) => reloadAfter(call('medications.setActive', { id, active })),
  };
});
