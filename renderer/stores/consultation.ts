/**
 * The consultation on screen: opened (or started) for a visit, then every
 * action answers with the whole consultation, which replaces what is shown.
 */
import { create } from 'zustand';
import type { InputOf } from '../../shared/api/contract';
import type { ConsultationView } from '../../shared/api/consultation-types';
import { call, fieldErrorsOf, messageOf } from '../api';

type Section = 'note' | 'vitals' | 'diagnosis' | 'procedure' | 'sign' | 'addendum';
type WithoutId<K extends Parameters<typeof call>[0]> = Omit<InputOf<K>, 'consultationId'>;

interface ConsultationState {
  visitId: string | null;
  view: ConsultationView | null;
  loading: boolean;
  error: string | null;
  /** Per section: the message of its last failed action, and per-field reasons. */
  sectionError: Partial<Record<Section, string>>;
  fieldErrors: Partial<Record<Section, Record<string, string>>>;
  busy: Section | null;
  open(visitId: string, start: boolean): Promise<void>;
  saveDraft(input: WithoutId<'consultations.saveDraft'>): Promise<boolean>;
  recordVitals(input: WithoutId<'consultations.recordVitals'>): Promise<boolean>;
  codeDiagnosis(input: WithoutId<'consultations.codeDiagnosis'>): Promise<boolean>;
  addProcedure(input: WithoutId<'consultations.addProcedure'>): Promise<boolean>;
  changeDiagnosis(input: InputOf<'consultations.changeDiagnosis'>): Promise<boolean>;
  removeRow(kind: 'diagnosis' | 'procedure', id: string): Promise<boolean>;
  sign(): Promise<boolean>;
  addAddendum(text: string): Promise<boolean>;
}

export const useConsultation = create<ConsultationState>()((set, get) => {
  async function act(section: Section, run: (id: string) => Promise<ConsultationView>): Promise<boolean> {
    const view = get().view;
    if (!view) return false;
    set((s) => ({ busy: section, sectionError: { ...s.sectionError, [section]: undefined }, fieldErrors: { ...s.fieldErrors, [section]: {} } }));
    try {
      const next = await run(view.id);
      set({ view: next, busy: null });
      return true;
    } catch (e) {
      set((s) => ({ busy: null, sectionError: { ...s.sectionError, [section]: messageOf(e) }, fieldErrors: { ...s.fieldErrors, [section]: fieldErrorsOf(e) } }));
      return false;
    }
  }
  return {
    visitId: null,
    view: null,
    loading: false,
    error: null,
    sectionError: {},
    fieldErrors: {},
    busy: null,
    async open(visitId, start) {
      set({ visitId, view: null, loading: true, error: null, sectionError: {}, fieldErrors: {} });
      try {
        const found = await call('consultations.forVisit', { visitId });
        const view = found ?? (start ? await call('consultations.start', { visitId }) : null);
        if (get().visitId === visitId) set({ view, loading: false });
      } catch (e) {
        if (get().visitId === visitId) set({ loading: false, error: messageOf(e) });
      }
    },
    saveDraft: (input) => act('note', (id) => call('consultations.saveDraft', { ...input, consultationId: id })),
    recordVitals: (input) => act('vitals', (id) => call('consultations.recordVitals', { ...input, consultationId: id })),
    codeDiagnosis: (input) => act('diagnosis', (id) => call('consultations.codeDiagnosis', { ...input, consultationId: id } as InputOf<'consultations.codeDiagnosis'>)),
    addProcedure: (input) => act('procedure', (id) => call('consultations.addProcedure', { ...input, consultationId: id })),
    changeDiagnosis: (input) => act('diagnosis', () => call('consultations.changeDiagnosis', input)),
    removeRow: (kind, rowId) => act(kind, () => call('consultations.removeRow', { kind, id: rowId })),
    sign: () => act('sign', (id) => call('consultations.sign', { consultationId: id })),
    addAddendum: (text) => act('addendum', (id) => call('consultations.addAddendum', { consultationId: id, text })),
  };
});
