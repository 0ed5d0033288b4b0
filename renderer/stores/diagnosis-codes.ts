/**
 * The practice's own diagnosis list as Clinical lists shows it: the whole
 * list (retired codes included, the screen hides them unless asked),
 * reloaded after each change so the table shows what the core holds.
 */
import { create } from 'zustand';
import type { DiagnosisCodeImport, DiagnosisCodeView } from '../../shared/api/diagnosis-code-types';
import type { InputOf } from '../../shared/api/contract';
import { call, messageOf } from '../api';

interface DiagnosisCodesState {
  items: DiagnosisCodeView[] | null;
  error: string | null;
  load(): Promise<void>;
  add(input: InputOf<'diagnosisCodes.add'>): Promise<DiagnosisCodeView>;
  update(input: InputOf<'diagnosisCodes.update'>): Promise<DiagnosisCodeView>;
  setActive(id: string, active: boolean): Promise<DiagnosisCodeView>;
  importCsv(csv: string): Promise<DiagnosisCodeImport>;
}

export const useDiagnosisCodes = create<DiagnosisCodesState>()((set, get) => {
  const reloadAfter = async <T>(saved: Promise<T>): Promise<T> => {
    const result = await saved;
    await get().load();
    return result;
  };
  return {
    items: null,
    error: null,
    async load() {
      try {
        set({ items: await call('diagnosisCodes.list', { includeRetired: true }), error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    add: (input) => reloadAfter(call('diagnosisCodes.add', input)),
    update: (input) => reloadAfter(call('diagnosisCodes.update', input)),
    setActive: (id, active) => reloadAfter(call('diagnosisCodes.setActive', { id, active })),
    importCsv: (csv) => reloadAfter(call('diagnosisCodes.import', { csv })),
  };
});
