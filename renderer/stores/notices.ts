/** Short-lived notices ("Booked: B-1042"), shown by <Notices />; errors stay longer than confirmations. */
import { create } from 'zustand';

export interface Notice {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

interface NoticeState {
  notices: Notice[];
  notify(message: string, tone?: Notice['tone']): void;
  dismiss(id: number): void;
}

let next = 1;

export const useNotices = create<NoticeState>()((set, get) => ({
  notices: [],
  notify(message, tone = 'success') {
    const id = next++;
    set({ notices: [...get().notices, { id, message, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 10_000 : 5_000);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

export const notify = (message: string, tone?: Notice['tone']) => useNotices.getState().notify(message, tone);
