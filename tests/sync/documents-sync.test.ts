/**
 * Documents between two desks through the real hub (embedded Postgres,
 * gateway, supabase-js): the metadata rows travel with the row sync; the
 * bytes travel by the document byte sync (sync/documents/*), the files of
 * today's patients first, checked against their sha256 at both ends.
 */
import { randomBytes } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { documentStoreFor, sha256Hex } from '../../electron/documents/document-store';
import { documentsForPatient, openDocument } from '../../electron/services/documents';
import { labResultsForPatient } from '../../electron/services/lab-results';
import { plansForPatient } from '../../electron/services/treatment-plans';
import { BLOB_CHUNK_BYTES, BlobHubError, supabaseBlobHub, type BlobHub } from '../../sync/documents/blob-hub';
import { syncDocumentBlobs } from '../../sync/documents/blob-sync';
import { DocumentBlobRunner } from '../../sync/documents/blob-sync-runner';
import { hubClient, TEST_PASSWORD, useHub } from '../helpers/hub';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { SAMPLE_PNG, samplePdf } from '../helpers/sample-files';
import { tempDir } from '../helpers/temp-dir';
import { actorOn } from './devices';

const hub = useHub();
const DAY = '2026-11-25';
let a: ReceptionPractice;
let b: Core;
const bDir = tempDir('practice-desk-docs-b-');
let practiceId = '';
let adminId = '';
let hubA: BlobHub;
let hubB: BlobHub;

async function signedIn(email: string): Promise<SupabaseClient> {
  const client = hubClient(hub().url, hub().anonKey);
  const { error } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
  if (error) throw error;
  return client;
}

beforeAll(async () => {
  a = await openReception(Date.parse(`${DAY}T06:30:00Z`));
  const session = await a.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  await hub().createPractice(practiceId, session.practice.name);
  for (const email of ['docs-a@rosebank.test', 'docs-b@rosebank.test']) await hub().addMember(practiceId, await hub().addUser(email, TEST_PASSWORD), 'admin');
  await a.admin.call('sync.connect', { url: hub().url, anonKey: hub().anonKey, email: 'docs-a@rosebank.test', password: TEST_PASSWORD });
  b = await openCore({ dataDir: bDir.path, now: () => a.clock.now });
  await b.sync.connect({ url: hub().url, anonKey: hub().anonKey, email: 'docs-b@rosebank.test', password: TEST_PASSWORD });
  hubA = supabaseBlobHub(await signedIn('docs-a@rosebank.test'));
  hubB = supabaseBlobHub(await signedIn('docs-b@rosebank.test'));
}, 60_000);

afterAll(async () => {
  await b?.shutdown();
  bDir.remove();
  await a?.core.shutdown();
  a?.close();
});

const syncA = async () => (await a.admin.call('sync.now', {})).status;
const syncB = async () => (await b.sync.syncNow()).status;

describe('document metadata and bytes through the hub', () => {
  it('rows sync at once; bytes follow, today’s patients first, and arrive whole and checked', async () => {
    const pdf = await samplePdf('Referral letter');
    // A large file (three 4 MiB chunks) of a patient with no visit today, attached last (newest).
    const big = Buffer.from(randomBytes(Math.floor(BLOB_CHUNK_BYTES * 2.2)).toString('hex').slice(0, Math.floor(BLOB_CHUNK_BYTES * 2.2)));
    await a.admin.call('visits.walkIn', { patientId: a.patients[1]!, serviceTypeId: a.serviceId }); // Pieter is here today
    const letter = await a.admin.call('documents.attach', { patientId: a.patients[0]!, fileName: 'referral.pdf', mimeType: 'application/pdf', contentBase64: pdf.toString('base64') });
    a.clock.now += 60_000;
    const scan = await a.admin.call('documents.attach', { patientId: a.patients[1]!, fileName: 'scan.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') });
    a.clock.now += 60_000;
    const log = await a.admin.call('documents.attach', { patientId: a.patients[2]!, fileName: 'monitor-log.txt', mimeType: 'text/plain', contentBase64: big.toString('base64') });

    expect(await syncA()).toMatchObject({ state: 'online', waiting: 0 });
    expect(await syncB()).toMatchObject({ state: 'online' });
    const actorB = actorOn(b.db, adminId, practiceId);
    const storeB = documentStoreFor(b.db);
    const [onB] = documentsForPatient(b.db, actorB, a.patients[0]!, storeB);
    expect(onB).toMatchObject({ id: letter.id, sha256: letter.sha256, fileName: 'referral.pdf', available: false });
    expect(() => openDocument(b.db, actorB, letter.id, storeB)).toThrow(/not on this device yet/);

    // B asks first: nobody has the bytes at the hub yet.
    const early = await syncDocumentBlobs(b.db, practiceId, storeB, hubB, { today: DAY });
    expect(early).toMatchObject({ uploaded: [], downloaded: [], waiting: 3, failed: [] });

    // A uploads: today's patient (the scan) first, then newest first.
    const up = await syncDocumentBlobs(a.core.db, practiceId, documentStoreFor(a.core.db), hubA, { today: DAY });
    expect(up).toMatchObject({ uploaded: [scan.sha256, log.sha256, letter.sha256], failed: [], waiting: 0 });
    expect(await hubB.missing(practiceId, [scan.sha256, letter.sha256, log.sha256, '0'.repeat(64)])).toEqual(['0'.repeat(64)]);

    const down = await syncDocumentBlobs(b.db, practiceId, storeB, hubB, { today: DAY });
    expect(down).toMatchObject({ downloaded: [scan.sha256, log.sha256, letter.sha256], failed: [] });
    expect(Buffer.from(openDocument(b.db, actorB, letter.id, storeB).contentBase64, 'base64').equals(pdf)).toBe(true);
    expect(storeB.read(log.sha256).equals(big)).toBe(true);
    expect(documentsForPatient(b.db, actorB, a.patients[2]!, storeB)[0]!.available).toBe(true);

    // Nothing left to move on either side.
    const again = await syncDocumentBlobs(a.core.db, practiceId, documentStoreFor(a.core.db), hubA, { today: DAY });
    expect(again).toMatchObject({ uploaded: [], downloaded: [], confirmed: 0, waiting: 0 });
    expect(await syncDocumentBlobs(b.db, practiceId, storeB, hubB, { today: DAY })).toMatchObject({ uploaded: [], downloaded: [], waiting: 0 });
  }, 120_000);

  it('a byte budget ends a pass early; the next pass carries on', async () => {
    const one = Buffer.from('first note\n'.repeat(100));
    const two = Buffer.from('second note\n'.repeat(100));
    for (const [name, bytes] of [['one.txt', one], ['two.txt', two]] as const) {
      await a.admin.call('documents.attach', { patientId: a.patients[0]!, fileName: name, mimeType: 'text/plain', contentBase64: bytes.toString('base64') });
      a.clock.now += 60_000;
    }
    const storeA = documentStoreFor(a.core.db);
    const first = await syncDocumentBlobs(a.core.db, practiceId, storeA, hubA, { today: DAY, byteBudget: 1 });
    expect(first.uploaded).toEqual([sha256Hex(two)]);
    const second = await syncDocumentBlobs(a.core.db, practiceId, storeA, hubA, { today: DAY, byteBudget: 1 });
    expect(second.uploaded).toEqual([sha256Hex(one)]);
  }, 60_000);

  it('the hub keeps only bytes that match their name, and only for members of the practice', async () => {
    const bytes = Buffer.from('genuine bytes');
    const sha = sha256Hex(bytes);
    const lie = await hubA.put(practiceId, sha, bytes.length, 'text/plain', 0, Buffer.from('forged bytes!')).catch((e: unknown) => e);
    expect(lie).toBeInstanceOf(BlobHubError);
    expect((lie as BlobHubError).message).toMatch(/do not match sha256/);
    expect(await hubA.missing(practiceId, [sha])).toEqual([sha]);
    const short = await hubA.put(practiceId, sha, bytes.length + 5, 'text/plain', 0, bytes).catch((e: unknown) => e);
    expect((short as BlobHubError).message).toMatch(/wrong length/);

    const otherPractice = await hub().practice('Another practice');
    const outsider = await hub().member('outsider@elsewhere.test', otherPractice);
    const outsiderHub = supabaseBlobHub(outsider.client);
    const refused = await outsiderHub.get(practiceId, sha256Hex(SAMPLE_PNG), 0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BlobHubError);
    expect((refused as BlobHubError).status).toBe(403);
    await expect(outsiderHub.put(practiceId, sha, bytes.length, 'text/plain', 0, bytes)).rejects.toThrow(/not a member/);
    // Not signed in at all.
    await expect(supabaseBlobHub(hub().client()).missing(practiceId, [sha])).rejects.toThrow();
    // The outsider's own practice does not see this practice's files.
    expect(await outsiderHub.get(otherPractice, sha256Hex(SAMPLE_PNG), 0)).toBeNull();
  }, 60_000);

  it('the runner passes over every practice on its own timer, and does nothing while not connected', async () => {
    const note = Buffer.from('runner note\n'.repeat(20));
    await a.admin.call('documents.attach', { patientId: a.patients[1]!, fileName: 'note.txt', mimeType: 'text/plain', contentBase64: note.toString('base64') });
    await syncA();
    await syncB();
    const storeB = documentStoreFor(b.db);
    const sha = sha256Hex(note);
    const offline = new DocumentBlobRunner({ db: b.db, store: storeB, hub: () => null });
    await offline.passNow();
    expect(storeB.has(sha)).toBe(false);

    const reports: string[] = [];
    const runnerA = new DocumentBlobRunner({ db: a.core.db, store: documentStoreFor(a.core.db), hub: () => hubA, intervalMs: 60_000, onReport: (_p, r) => reports.push(`A up ${r.uploaded.length}`) });
    const runnerB = new DocumentBlobRunner({ db: b.db, store: storeB, hub: () => hubB, intervalMs: 60_000, onReport: (_p, r) => reports.push(`B down ${r.downloaded.length}`) });
    runnerA.start();
    await runnerA.passNow();
    runnerB.start();
    await runnerB.passNow();
    await Promise.all([runnerA.stop(), runnerB.stop()]);
    expect(storeB.read(sha).equals(note)).toBe(true);
    // B also fetches the two files the budget test uploaded, which it had not seen yet.
    expect(reports).toEqual(['A up 1', 'B down 3']);
  }, 60_000);

  it('lab results (with a correction), treatment plans and a removal reach the other desk with the row sync', async () => {
    const patientId = a.patients[2]!;
    const first = await a.admin.call('labs.record', { patientId, fields: { testName: 'Creatinine', value: '190', unit: 'µmol/L', referenceHigh: 110, resultedAt: `${DAY}T07:00:00.000Z` } });
    await a.admin.call('labs.record', { patientId, correctsId: first.id, fields: { testName: 'Creatinine', value: '109', unit: 'µmol/L', referenceHigh: 110, resultedAt: `${DAY}T07:00:00.000Z` } });
    const plan = await a.admin.call('plans.create', { patientId, title: 'Renal diet', steps: [{ description: 'Diet change', estimatedCostMinor: 10_000 }, { description: 'Recheck', estimatedCostMinor: 45_000 }] });
    await a.admin.call('plans.move', { planId: plan.id, to: 'accepted' });
    await a.admin.call('plans.settleStep', { stepId: plan.steps[0]!.id, to: 'done' });
    const [log] = await a.admin.call('documents.forPatient', { patientId });
    await a.admin.call('documents.remove', { id: log!.id, reason: 'Wrong file' });
    expect(await syncA()).toMatchObject({ state: 'online', waiting: 0 });
    expect(await syncB()).toMatchObject({ state: 'online', waiting: 0 });

    const actorB = actorOn(b.db, adminId, practiceId);
    expect(labResultsForPatient(b.db, actorB, patientId)).toEqual(await a.admin.call('labs.forPatient', { patientId }));
    const onB = plansForPatient(b.db, actorB, patientId);
    expect(onB).toEqual(await a.admin.call('plans.forPatient', { patientId }));
    expect(onB[0]).toMatchObject({ status: 'in_progress', progress: { done: 1, total: 2, percent: 50 } });
    expect(documentsForPatient(b.db, actorB, patientId, documentStoreFor(b.db))[0]).toMatchObject({ id: log!.id, removedReason: 'Wrong file' });
  }, 60_000);
});
