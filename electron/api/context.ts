import type { AccessOf, OperationName, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import type { LocalDatabase } from '../db/database';
import type { Actor } from '../services/actor';
import type { SessionStore } from '../services/sessions';
import type { SyncService } from '../services/sync';

export interface PublicContext {
  db: LocalDatabase;
  sessions: SessionStore;
  sync: SyncService;
}

export interface SignedInContext extends PublicContext {
  actor: Actor;
}

export type ContextFor<K extends OperationName> = AccessOf<K> extends 'public' ? PublicContext : SignedInContext;

export type Handler<K extends OperationName> = (
  input: ParsedInputOf<K>,
  context: ContextFor<K>,
) => OutputOf<K> | Promise<OutputOf<K>>;

/** A handler for every operation of the contract, or the build fails. */
export type Handlers = { [K in OperationName]: Handler<K> };
export type HandlersFor<P extends string> = { [K in OperationName as K extends `${P}.${string}` ? K : never]: Handler<K> };
