/**
 * The app moves document bytes by itself: once a desk is connected, its sync
 * service runs the document byte sync beside the row loop on the same
 * signed-in session (electron/services/sync.ts), so a file attached on one
 * desk opens on the other with nobody starting anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { openDocument } from '../../electron/services/documents';
import { TEST_PASSWORD, useHub } from '../helpers/hub';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { samplePdf } from '../helpers/sample-files';
import { tempDir } from '../helpers/temp-dir';
import { actorOn } from './devices';

const hub = useHub();
let a: ReceptionPractice;
let b: Core;
const bDir = tempDir('practice-desk-docs-bg-');
let practiceId = '';
let adminId = '';

beforeAll(async () => {
  a = await openReception(Date.parse('2026-11-25T06:30:00Z'), { sync: { documentsIntervalMs: 200 } });
  const session = await a.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  await hub().createPractice(practiceId, session.practice.name);
  for (const email of ['bg-a@rosebank.test', 'bg-b@rosebank.test']) await hub().addMember(practiceId, await hub().addUser(email, TEST_PASSWORD), 'admin');
  await a.admin.call('sync.connect', { url: hub().url, anonKey: hub().anonKey, email: 'bg-a@rosebank.test', password: TEST_PASSWORD });
  b = await openCore({ dataDir: bDir.path, now: () => a.clock.now, sync: { documentsIntervalMs: 200 } });
  await b.sync.connect({ url: hub().url, anonKey: hub().anonKey, email: 'bg-b@rosebank.test', password: TEST_PASSWORD });
}, 60_000);

afterAll(async () => {
  await b?.shutdown();
  bDir.remove();
  await a?.core.shutdown();
  a?.close();
});

async function eventually<T>(read: () => T, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return read();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('document bytes in the background', () => {
  it('a letter attached on desk A opens on desk B after the row sync, with no manual byte pass', async () => {
    const pdf = await samplePdf('Discharge letter');
    const letter = await a.admin.call('documents.attach', { patientId: a.patients[0]!, fileName: 'discharge.pdf', mimeType: 'application/pdf', contentBase64: pdf.toString('base64') });
    expect((await a.admin.call('sync.now', {})).status).toMatchObject({ state: 'online', waiting: 0 });
    await b.sync.syncNow();
    const actorB = actorOn(b.db, adminId, practiceId);
    const opened = await eventually(() => openDocument(b.db, actorB, letter.id));
    expect(Buffer.compare(Buffer.from(opened.contentBase64, 'base64'), pdf)).toBe(0);
  }, 60_000);
});
