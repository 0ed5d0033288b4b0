/**
 * The engine's payloads against the real hub (embedded Postgres, supabase-js):
 * device A's outbox pushed with sync_push and acknowledged; device B pulls
 * pages with sync_pull and applies them. The transport loop itself comes
 * later; this checks that what the engine hands out and takes in is what
 * the hub speaks (jsonb reorders keys, numbers come back as JSON numbers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { readCounter } from '../../sync/engine/meta';
import { acknowledgeThrough, entriesToPush, outboxStatus } from '../../sync/engine/outbox';
import type { PullResult, PushResult } from '../../sync/hub/contract';
import { useHub } from '../helpers/hub';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { openReplica, syncedSnapshot, type Replica } from './devices';

const hub = useHub();
let a: ReceptionPractice;
let b: Replica;
let member: SupabaseClient;

beforeAll(async () => {
  a = await openReception();
  const walkIn = await a.admin.call('visits.walkIn', { patientId: a.patients[0]!, serviceTypeId: a.serviceId });
  await a.admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 12_345, method: 'CARD' });
  const practiceId = (await a.admin.call('auth.session', {})).practice.id;
  await hub().createPractice(practiceId, 'Rosebank Family Practice');
  // The desk pushes the practice's setup too: an admin's hub account (hub 0010 checks the role per table).
  ({ client: member } = await hub().member('desk@rosebank.test', practiceId, 'admin'));
  b = await openReplica(() => a.clock.now);
});
afterAll(() => {
  b?.close();
  a?.close();
});

describe('engine ⇄ hub', () => {
  it('pushes the outbox in batches, acknowledged by sequence, and a second device pulls and applies it page by page', async () => {
    for (;;) {
      const batch = entriesToPush(a.core.db, 40);
      if (batch.length === 0) break;
      const { data, error } = await member.rpc('sync_push', { batch });
      expect(error).toBeNull();
      acknowledgeThrough(a.core.db, (data as PushResult).acknowledged_through!);
    }
    expect(outboxStatus(a.core.db)).toMatchObject({ waiting: 0, oldestWaitingAt: null });

    let pages = 0;
    for (;;) {
      const since = readCounter(b.db, 'pull_cursor');
      const { data, error } = await member.rpc('sync_pull', { since, page_size: 30 });
      expect(error).toBeNull();
      const page = data as PullResult;
      const result = applyRemoteChanges(b.db, page.changes, { pullCursor: page.next_cursor });
      expect(result.rejected).toEqual([]);
      pages += 1;
      if (!page.has_more) break;
    }
    expect(pages).toBeGreaterThan(1);
    expect(b.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    expect(syncedSnapshot(b.db)).toEqual(syncedSnapshot(a.core.db));
    // A's own changes served back to it are recognised and change nothing.
    const { data } = await member.rpc('sync_pull', { since: 0, page_size: 1000 });
    expect(applyRemoteChanges(a.core.db, (data as PullResult).changes)).toMatchObject({ applied: 0, rowsWritten: 0, rejected: [] });
  });
});
