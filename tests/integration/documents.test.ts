import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentStoreFor, sha256Hex } from '../../electron/documents/document-store';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { SAMPLE_PNG, samplePdf } from '../helpers/sample-files';

let rx: ReceptionPractice;
beforeAll(async () => {
  rx = await openReception();
}, 60_000);
afterAll(() => rx.close());

const count = (table: string) => (rx.core.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('documents', () => {
  it('attaches a PDF to a visit: bytes in the store beside the database, metadata row + audit in one transaction', async () => {
    const patientId = rx.patients[0]!;
    const visit = await rx.admin.call('visits.walkIn', { patientId, serviceTypeId: rx.serviceId });
    const pdf = await samplePdf();
    const [outbox, audit] = [count('sync_log'), count('audit_log')];
    const doc = await rx.admin.call('documents.attach', {
      patientId, visitId: visit.visitId, fileName: 'xray-report.pdf', mimeType: 'application/pdf', category: 'X-ray',
      contentBase64: pdf.toString('base64'),
    });
    expect(doc).toMatchObject({ kind: 'pdf', fileName: 'xray-report.pdf', byteSize: pdf.length, sha256: sha256Hex(pdf), visitId: visit.visitId, available: true, removedAt: null });
    expect([count('sync_log') - outbox, count('audit_log') - audit]).toEqual([2, 1]);
    expect(documentStoreFor(rx.core.db).read(doc.sha256).equals(pdf)).toBe(true);

    const opened = await rx.admin.call('documents.open', { id: doc.id });
    expect(Buffer.from(opened.contentBase64, 'base64').equals(pdf)).toBe(true);
    expect(opened).toMatchObject({ fileName: 'xray-report.pdf', mimeType: 'application/pdf' });
    const reads = rx.core.db.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'read' AND entity_type = 'document' AND entity_id = ?`).get(doc.id) as { n: number };
    expect(reads.n).toBe(1);
  });

  it('refuses a wrong type, a lying file, an empty file and a file over the limit; nothing is written', async () => {
    const patientId = rx.patients[1]!;
    const [outbox, docs] = [count('sync_log'), count('document')];
    const base = { patientId, fileName: 'scan.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') };
    const e1 = await expectApiError(rx.admin.call('documents.attach', { ...base, mimeType: 'application/zip' }), 'validation');
    expect(e1.fields?.mimeType).toMatch(/Only PDF/);
    const e2 = await expectApiError(rx.admin.call('documents.attach', { ...base, mimeType: 'application/pdf' }), 'validation');
    expect(e2.fields?.contentBase64).toMatch(/not application\/pdf/);
    await expectApiError(rx.admin.call('documents.attach', { ...base, contentBase64: '' }), 'validation');
    await expectApiError(rx.admin.call('documents.attach', { ...base, fileName: '../../evil.png' }), 'validation');
    const big = Buffer.concat([SAMPLE_PNG, Buffer.alloc(25 * 2 ** 20)]);
    const e3 = await expectApiError(rx.admin.call('documents.attach', { ...base, contentBase64: big.toString('base64') }), 'validation');
    expect(e3.fields?.contentBase64).toMatch(/at most 25.0 MB/);
    expect([count('sync_log'), count('document')]).toEqual([outbox, docs]);
  });

  it('is never deleted: removal marks it with a reason; identity cannot change; the database refuses deletes', async () => {
    const patientId = rx.patients[1]!;
    const doc = await rx.admin.call('documents.attach', { patientId, fileName: 'scan.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') });
    await expectApiError(rx.admin.call('documents.remove', { id: doc.id, reason: ' ' }), 'validation');
    await rx.admin.call('documents.remove', { id: doc.id, reason: 'Wrong patient' });
    const [listed] = await rx.admin.call('documents.forPatient', { patientId });
    expect(listed).toMatchObject({ id: doc.id, removedReason: 'Wrong patient' });
    expect(listed!.removedAt).not.toBeNull();
    await expectApiError(rx.admin.call('documents.remove', { id: doc.id, reason: 'again' }), 'validation');
    const db = rx.core.db;
    expect(() => db.transaction(null, () => db.sqlite.prepare(`UPDATE document SET sha256 = ? WHERE id = ?`).run('f'.repeat(64), doc.id))).toThrow(/only marked removed/);
    expect(() => db.transaction(null, () => db.sqlite.prepare(`UPDATE document SET removed_at = NULL WHERE id = ?`).run(doc.id))).toThrow(/only marked removed/);
    expect(() => db.transaction(null, () => db.sqlite.prepare(`DELETE FROM document WHERE id = ?`).run(doc.id))).toThrow(/never deleted/);
  });

  it('needs clinical rights', async () => {
    const billing = await rx.staffClient('billing');
    await expectApiError(billing.call('documents.forPatient', { patientId: rx.patients[0]! }), 'forbidden');
    await expectApiError(
      billing.call('documents.attach', { patientId: rx.patients[0]!, fileName: 'a.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') }),
      'forbidden',
    );
  });
});
