/**
 * `npm run hub` keeps its data: a hub stopped and started again on the same
 * folder keeps users, practices and changes, keeps its anon key and JWT
 * secret, and applies no migration twice.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { PullResult } from '../../sync/hub/contract';
import { startHub } from '../../sync/hub/hub';
import { HUB_MIGRATIONS } from '../../sync/hub/migrate';
import { change, hubClient, TEST_PASSWORD } from '../helpers/hub';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir('practice-desk-hub-restart-');
chmodSync(dir.path, 0o755);
afterAll(() => dir.remove());

describe('a persistent hub', () => {
  it('comes back with its data after a restart', async () => {
    const practice = randomUUID();
    const entry = change(practice);

    const first = await startHub({ dir: `${dir.path}/hub` });
    let anonKey: string;
    try {
      expect(first.applied).toEqual([...HUB_MIGRATIONS]);
      anonKey = first.anonKey;
      const userId = await first.addUser('kim@clinic.test', TEST_PASSWORD);
      await first.createPractice(practice, 'Persistent Vets');
      await first.addMember(practice, userId, 'admin');
      const client = hubClient(first.url, first.anonKey);
      await client.auth.signInWithPassword({ email: 'kim@clinic.test', password: TEST_PASSWORD });
      expect((await client.rpc('sync_push', { batch: [entry] })).error).toBeNull();
    } finally {
      await first.stop();
    }

    const second = await startHub({ dir: `${dir.path}/hub` });
    try {
      expect(second.applied).toEqual([]);
      expect(second.anonKey).toBe(anonKey);
      const client = hubClient(second.url, second.anonKey);
      const { error } = await client.auth.signInWithPassword({ email: 'kim@clinic.test', password: TEST_PASSWORD });
      expect(error).toBeNull();
      const { data } = await client.rpc('sync_pull', { since: 0, page_size: 10 });
      expect((data as PullResult).changes.map((c) => c.row_id)).toEqual([entry.row_id]);
    } finally {
      await second.stop();
    }
  });
});
