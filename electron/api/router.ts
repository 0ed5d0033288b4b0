/**
 * The API boundary inside the core: every request is checked here once —
 * known operation, live session, the role's permission in the practice *now*,
 * input against its zod schema — before a handler runs. Errors leave as data.
 */
import { z } from 'zod';
import { contract, isOperationName, type OperationName } from '../../shared/api/contract';
import { ApiError, type ApiResult } from '../../shared/api/result';
import { can, type Role } from '../../shared/domain/roles';
import { t } from '../../shared/i18n';
import type { LocalDatabase } from '../db/database';
import { findPractice } from '../db/practices';
import { membership } from '../db/staff';
import type { Actor } from '../services/actor';
import { forbidden } from '../services/errors';
import type { SessionStore } from '../services/sessions';
import type { SyncService } from '../services/sync';
import type { Handler, Handlers, SignedInContext } from './context';

const envelope = z.object({
  op: z.string().max(100),
  input: z.unknown().optional(),
  token: z.string().max(200).nullish(),
});

export type ApiHandler = (request: unknown) => Promise<ApiResult<unknown>>;

function unauthenticated(): ApiError {
  return new ApiError({ kind: 'unauthenticated', message: t('err.unauthenticated') });
}

/** Zod issues as one message per dotted field path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

function resolveActor(db: LocalDatabase, sessions: SessionStore, token: string | null | undefined): Actor {
  const session = sessions.resume(token ?? null);
  if (!session) throw unauthenticated();
  const member = membership(db, session.userId, session.practiceId);
  const practice = findPractice(db, session.practiceId);
  if (!member || member.is_active !== 1 || !practice) {
    sessions.end(session.token);
    throw unauthenticated();
  }
  return { userId: session.userId, practiceId: session.practiceId, role: member.role as Role, practice, session };
}

/** After every call the sync loop is nudged: if the call wrote anything, it is pushed soon. */
export function createRouter(db: LocalDatabase, sessions: SessionStore, handlers: Handlers, sync: SyncService): ApiHandler {
  return async (request) => {
    try {
      return await route(db, sessions, handlers, sync, request);
    } finally {
      try {
        sync.nudge();
      } catch (error) {
        console.error('[sync] nudge failed', error);
      }
    }
  };
}

async function route(db: LocalDatabase, sessions: SessionStore, handlers: Handlers, sync: SyncService, request: unknown): Promise<ApiResult<unknown>> {
  try {
    const parsedEnvelope = envelope.safeParse(request);
    if (!parsedEnvelope.success || !isOperationName(parsedEnvelope.data.op)) {
      return { ok: false, error: { kind: 'unknown_operation', message: t('err.unknownOperation') } };
    }
    const { op, input, token } = parsedEnvelope.data as { op: OperationName; input: unknown; token?: string | null };
    const definition = contract[op];
    const context: Partial<SignedInContext> & { db: LocalDatabase; sessions: SessionStore; sync: SyncService } = { db, sessions, sync };
    if (definition.access !== 'public') {
      const actor = resolveActor(db, sessions, token);
      if (definition.access !== 'session' && !can(actor.role, definition.access)) throw forbidden(actor.role);
      context.actor = actor;
    }
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { kind: 'validation', message: t('err.validation'), fields: fieldErrors(parsed.error) } };
    }
    const handler = handlers[op] as Handler<OperationName>;
    const value = await handler(parsed.data as never, context as SignedInContext);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    console.error('[api] internal error', error);
    return { ok: false, error: { kind: 'internal', message: t('err.internal') } };
  }
}
