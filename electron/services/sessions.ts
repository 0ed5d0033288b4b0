/**
 * Signed-in sessions, held in the core's memory only: a restart signs
 * everyone out. Sessions end after `idleMs` without a call, and after
 * `maxMs` in any case.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: string;
  practiceId: string;
  startedAt: number;
  lastSeenAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly idleMs = 4 * 60 * 60 * 1000,
    readonly maxMs = 12 * 60 * 60 * 1000,
  ) {}

  start(userId: string, practiceId: string): Session {
    const at = this.now();
    const session = { token: randomBytes(32).toString('base64url'), userId, practiceId, startedAt: at, lastSeenAt: at };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, touched; undefined if unknown or expired. */
  resume(token: string | null): Session | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.idleMs || at - session.startedAt > this.maxMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  expiresAt(session: Session): string {
    return new Date(Math.min(session.lastSeenAt + this.idleMs, session.startedAt + this.maxMs)).toISOString();
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Sign a user out everywhere (deactivated, or role removed). */
  endAllFor(userId: string): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }
}
