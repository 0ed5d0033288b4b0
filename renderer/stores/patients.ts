/**
 * Finding patients and holding the open chart. Searches are debounced and
 * numbered: an answer that arrives after a newer search started is dropped.
 */
import { create } from 'zustand';
import type { PatientChart, PatientSearchHit } from '../../shared/api/types';
import type { ChartRecordInput, ChartRecordKind } from '../../shared/schemas/patient';
import { call, messageOf } from '../api';

const DEBOUNCE_MS = 120;
/** The most the core returns (patientSearchInput.limit's maximum); more means "refine your search". */
export const SEARCH_LIMIT = 50;

interface SearchState {
  query: string;
  hits: PatientSearchHit[];
  /** The query the hits answer (so "no results" is never shown for a query still running). */
  answered: string;
  searching: boolean;
  error: string | null;
  selected: number;
  setQuery(query: string): void;
  move(delta: number): void;
  select(index: number): void;
  refresh(): void;
}

let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

async function runSearch(query: string, set: (partial: Partial<SearchState>) => void): Promise<void> {
  const mine = ++seq;
  try {
    const hits = await call('patients.search', { query, limit: SEARCH_LIMIT });
    if (mine !== seq) return;
    set({ hits, answered: query, searching: false, error: null, selected: 0 });
  } catch (e) {
    if (mine !== seq) return;
    set({ hits: [], answered: query, searching: false, error: messageOf(e) });
  }
}

export const usePatientSearch = create<SearchState>()((set, get) => ({
  query: '',
  hits: [],
  answered: '',
  searching: false,
  error: null,
  selected: 0,

  setQuery(query) {
    set({ query });
    if (timer) clearTimeout(timer);
    const trimmed = query.trim();
    if (!trimmed) {
      seq++;
      set({ hits: [], answered: '', searching: false, error: null, selected: 0 });
      return;
    }
    set({ searching: true });
    timer = setTimeout(() => void runSearch(trimmed, set), DEBOUNCE_MS);
  },

  move(delta) {
    const { hits, selected } = get();
    if (hits.length === 0) return;
    set({ selected: Math.min(hits.length - 1, Math.max(0, selected + delta)) });
  },

  select(index) {
    set({ selected: index });
  },

  refresh() {
    const trimmed = get().query.trim();
    if (trimmed) void runSearch(trimmed, set);
  },
}));

interface ChartState {
  patientId: string | null;
  chart: PatientChart | null;
  loading: boolean;
  error: string | null;
  load(patientId: string): Promise<void>;
  reload(): Promise<void>;
  setChart(chart: PatientChart): void;
  saveRecord(input: ChartRecordInput): Promise<void>;
  removeRecord(kind: ChartRecordKind, id: string, reason: string): Promise<void>;
}

let chartSeq = 0;

export const useChart = create<ChartState>()((set, get) => ({
  patientId: null,
  chart: null,
  loading: false,
  error: null,

  async load(patientId) {
    const mine = ++chartSeq;
    const keep = get().patientId === patientId ? get().chart : null;
    set({ patientId, chart: keep, loading: true, error: null });
    try {
      const chart = await call('patients.chart', { patientId });
      if (mine === chartSeq) set({ chart, loading: false });
    } catch (e) {
      if (mine === chartSeq) set({ loading: false, error: messageOf(e) });
    }
  },

  async reload() {
    const id = get().patientId;
    if (id) await get().load(id);
  },

  setChart(chart) {
    set({ chart, patientId: chart.patient.id });
  },

  async saveRecord(input) {
    await call('chart.saveRecord', input);
    await get().reload();
  },

  async removeRecord(kind, id, reason) {
    await call('chart.removeRecord', { kind, id, reason });
    await get().reload();
  },
}));
