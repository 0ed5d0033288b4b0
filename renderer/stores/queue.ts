/**
 * The queue board of one day: who is waiting, called, being seen, owing and
 * done, with the day's totals. Polled while the board is visible and reloaded
 * after every action, so changes made at another desk show up here.
 */
import { create } from 'zustand';
import type { PaymentView, QueueBoard } from '../../shared/api/reception-types';
import type { InputOf } from '../../shared/api/contract';
import type { VisitStatus } from '../../shared/domain/reception-status';
import { actionMessageOf, call, messageOf } from '../api';

interface QueueState {
  day: string;
  board: QueueBoard | null;
  loading: boolean;
  error: string | null;
  /** visitId (or appointmentId) of a card whose action is in flight. */
  pending: string | null;
  /** The visit whose payment dialog is open. */
  paying: string | null;
  setDay(day: string): void;
  /** Reload; `quiet` keeps the spinner off (polling). */
  load(quiet?: boolean): Promise<void>;
  move(visitId: string, to: VisitStatus): Promise<void>;
  checkIn(appointmentId: string): Promise<void>;
  walkIn(input: InputOf<'visits.walkIn'>): Promise<void>;
  openPayment(visitId: string | null): void;
  takePayment(input: InputOf<'payments.take'>): Promise<PaymentView>;
  refund(input: InputOf<'payments.refund'>): Promise<PaymentView>;
  clearError(): void;
}

let seq = 0;

export const useQueue = create<QueueState>()((set, get) => ({
  day: '',
  board: null,
  loading: false,
  error: null,
  pending: null,
  paying: null,

  setDay(day) {
    set({ day, board: get().board?.day === day ? get().board : null });
    void get().load();
  },

  async load(quiet = false) {
    const day = get().day;
    if (!day) return;
    const mine = ++seq;
    if (!quiet) set({ loading: true });
    try {
      const board = await call('queue.day', { day });
      if (mine === seq) set({ board, loading: false, error: quiet ? get().error : null });
    } catch (e) {
      if (mine === seq) set({ loading: false, error: messageOf(e) });
    }
  },

  async move(visitId, to) {
    set({ pending: visitId, error: null });
    try {
      await call('visits.move', { visitId, to });
    } catch (e) {
      set({ error: actionMessageOf(e) });
    } finally {
      set({ pending: null });
      await get().load(true);
    }
  },

  async checkIn(appointmentId) {
    set({ pending: appointmentId, error: null });
    try {
      await call('appointments.checkIn', { appointmentId });
    } catch (e) {
      set({ error: actionMessageOf(e) });
    } finally {
      set({ pending: null });
      await get().load(true);
    }
  },

  async walkIn(input) {
    await call('visits.walkIn', input);
    await get().load(true);
  },

  openPayment(paying) {
    set({ paying });
  },

  async takePayment(input) {
    const payment = await call('payments.take', input);
    await get().load(true);
    return payment;
  },

  async refund(input) {
    const payment = await call('payments.refund', input);
    await get().load(true);
    return payment;
  },

  clearError() {
    set({ error: null });
  },
}));
