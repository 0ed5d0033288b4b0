/**
 * Who is signed in, or which front door to show: first-run setup, sign-in, or
 * the app. The token lives in memory and in sessionStorage (so a browser
 * reload keeps the session); never in localStorage.
 */
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/api/types';
import type { Permission } from '../../shared/domain/roles';
import type { CreatePracticeInput } from '../../shared/schemas/practice';
import { call, messageOf, onUnauthenticated, setApiToken } from '../api';

const TOKEN_KEY = 'practiceDesk.token';

export type Phase = 'starting' | 'unreachable' | 'setup' | 'signIn' | 'ready';

interface SessionState {
  phase: Phase;
  session: SessionInfo | null;
  /** Shown on the sign-in screen, e.g. "Please sign in again". */
  notice: string | null;
  startError: string | null;
  practiceName: string | null;
  start(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  createPractice(input: CreatePracticeInput): Promise<void>;
  signOut(): Promise<void>;
  expire(message: string): void;
}

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  setApiToken(token);
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: memory only
  }
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'starting',
  session: null,
  notice: null,
  startError: null,
  practiceName: null,

  async start() {
    set({ phase: 'starting', startError: null });
    try {
      const status = await call('setup.status', {});
      if (status.needsSetup) {
        writeToken(null);
        set({ phase: 'setup', practiceName: null });
        return;
      }
      set({ practiceName: status.practiceName });
      const token = readToken();
      if (token) {
        setApiToken(token);
        try {
          const session = await call('auth.session', {});
          writeToken(session.token || token);
          set({ phase: 'ready', session, notice: null });
          return;
        } catch {
          writeToken(null);
        }
      }
      set({ phase: 'signIn' });
    } catch (e) {
      set({ phase: 'unreachable', startError: messageOf(e) });
    }
  },

  async signIn(email, password) {
    const session = await call('auth.signIn', { email, password });
    writeToken(session.token);
    set({ phase: 'ready', session, notice: null });
  },

  async createPractice(input) {
    const session = await call('setup.createPractice', input);
    writeToken(session.token);
    set({ phase: 'ready', session, notice: null, practiceName: session.practice.name });
  },

  async signOut() {
    try {
      if (get().session) await call('auth.signOut', {});
    } catch {
      // signing out locally regardless
    }
    writeToken(null);
    set({ phase: 'signIn', session: null, notice: null });
  },

  expire(message) {
    writeToken(null);
    set({ phase: 'signIn', session: null, notice: message });
  },
}));

onUnauthenticated((message) => useSession.getState().expire(message));

/** Does the signed-in role have this permission? (UI hint only; the core decides.) */
export function useCan(permission: Permission): boolean {
  return useSession((s) => s.session?.permissions.includes(permission) ?? false);
}

/** The signed-in session; only call beneath the signed-in shell. */
export function useSignedIn(): SessionInfo {
  const session = useSession((s) => s.session);
  if (!session) throw new Error('Not signed in');
  return session;
}
