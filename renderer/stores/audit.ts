/** The audit log: filtered pages, newest first, and the chain check. */
import { create } from 'zustand';
import type { AuditChainReport, AuditEntry } from '../../shared/api/types';
import type { AuditAction } from '../../shared/api/types';
import { call, messageOf } from '../api';

export interface AuditFilters {
  userId: string;
  action: AuditAction | '';
  entityType: string;
  patientId: string;
  fromDate: string;
  toDate: string;
}

export const emptyFilters = (): AuditFilters => ({ userId: '', action: '', entityType: '', patientId: '', fromDate: '', toDate: '' });

const PAGE = 100;

interface AuditState {
  filters: AuditFilters;
  entries: AuditEntry[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  report: AuditChainReport | null;
  verifying: boolean;
  verifyError: string | null;
  setFilters(filters: AuditFilters): void;
  search(): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
}

function query(f: AuditFilters, before?: string) {
  return {
    userId: f.userId.trim() || undefined,
    action: f.action || undefined,
    entityType: f.entityType.trim() || undefined,
    patientId: f.patientId.trim() || undefined,
    fromDate: f.fromDate || undefined,
    toDate: f.toDate || undefined,
    before,
    limit: PAGE,
  };
}

let seq = 0;

export const useAudit = create<AuditState>()((set, get) => ({
  filters: emptyFilters(),
  entries: [],
  nextCursor: null,
  loading: false,
  loadingMore: false,
  error: null,
  report: null,
  verifying: false,
  verifyError: null,

  setFilters(filters) {
    set({ filters });
  },

  async search() {
    const mine = ++seq;
    set({ loading: true, error: null });
    try {
      const page = await call('audit.list', query(get().filters));
      if (mine === seq) set({ entries: page.entries, nextCursor: page.nextCursor, loading: false });
    } catch (e) {
      if (mine === seq) set({ entries: [], nextCursor: null, loading: false, error: messageOf(e) });
    }
  },

  async loadOlder() {
    const cursor = get().nextCursor;
    if (!cursor) return;
    const mine = seq;
    set({ loadingMore: true, error: null });
    try {
      const page = await call('audit.list', query(get().filters, cursor));
      if (mine === seq) set({ entries: [...get().entries, ...page.entries], nextCursor: page.nextCursor, loadingMore: false });
    } catch (e) {
      if (mine === seq) set({ loadingMore: false, error: messageOf(e) });
    }
  },

  async verify() {
    set({ verifying: true, verifyError: null });
    try {
      set({ report: await call('audit.verify', {}), verifying: false });
    } catch (e) {
      set({ verifying: false, verifyError: messageOf(e) });
    }
  },
}));
