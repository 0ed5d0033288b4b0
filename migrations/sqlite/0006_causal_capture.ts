/**
 * 0006: updates of synced rows are stamped after the newest version of the
 * row this device holds (its outbox and, since 0004, its sync inbox). A
 * device whose clock runs a day fast must not win over an edit someone made
 * on top of its version: with plain clock ticks it would, because a remote
 * timestamp may pull our clock forward by a minute at most (sync/hlc.ts).
 * Ledgers (append-only) have no update trigger and are left as they are.
 */
import type { Kysely, Migration } from 'kysely';
import { recreateCapture } from './helpers';

// Every synced table with an update trigger, as of 0005 (frozen here: later migrations add their own).
const UPDATABLE_TABLES = [
  'practice',
  'app_user',
  'practice_user',
  'account',
  'patient',
  'emergency_contact',
  'medical_aid',
  'allergy',
  'medical_history',
  'family_history',
  'service_type',
  'room',
  'practitioner_profile',
  'practitioner_service',
  'recurrence',
  'appointment',
  'visit',
  'charge',
] as const;

export const causalCapture: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of UPDATABLE_TABLES) await recreateCapture(db, table, { causal: true });
  },
};
