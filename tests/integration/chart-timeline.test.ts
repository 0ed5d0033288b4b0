import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/api/clinical-record-types';
import { timelineSources } from '../../electron/db/chart-timeline';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { SAMPLE_PNG } from '../helpers/sample-files';

let rx: ReceptionPractice;
let patientId: string;
const MINUTE = 60_000;

beforeAll(async () => {
  rx = await openReception();
  patientId = rx.patients[0]!;
  const step = () => (rx.clock.now += MINUTE);
  const admin = rx.admin;
  // 06:00Z: a booking for later today (08:00 practice time = 06:00Z) and one next week.
  await admin.call('appointments.book', { patientId, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, start: '2026-12-02T09:00' });
  step();
  await admin.call('chart.saveRecord', { kind: 'allergy', patientId, fields: { allergen: 'Penicillin', severity: 'severe' } });
  step();
  const walkIn = await admin.call('visits.walkIn', { patientId, serviceTypeId: rx.serviceId, practitionerId: rx.doctorId });
  step();
  await admin.call('labs.record', { patientId, visitId: walkIn.visitId, fields: { testName: 'Glucose', value: '11.2', unit: 'mmol/L', referenceLow: 3.9, referenceHigh: 7.8, resultedAt: new Date(rx.clock.now).toISOString() } });
  step();
  await admin.call('documents.attach', { patientId, fileName: 'wound.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') });
  step();
  await admin.call('plans.create', { patientId, title: 'Wound care', steps: [{ description: 'Dressing change', estimatedCostMinor: 25_000 }] });
  step();
  for (const to of ['CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT'] as const) await admin.call('visits.move', { visitId: walkIn.visitId, to });
  await admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 45_000, method: 'CARD' });
  step();
  await admin.call('chart.saveRecord', { kind: 'medicalHistory', patientId, fields: { condition: 'Type 2 diabetes', status: 'chronic' } });
  // Another patient's records never show.
  await admin.call('labs.record', { patientId: rx.patients[1]!, fields: { testName: 'Glucose', value: '5', resultedAt: '2026-11-25T06:30:00.000Z' } });
}, 60_000);
afterAll(() => rx.close());

const summary = (entries: TimelineEntry[]) => entries.map((e) => `${e.type}:${e.title}`);

describe('the chart timeline', () => {
  it('shows everything on the chart in one list, newest first', async () => {
    const page = await rx.admin.call('chart.timeline', { patientId });
    expect(summary(page.entries)).toEqual([
      'visit:Consultation', // next week's appointment
      'medical_history:Type 2 diabetes',
      'payment:' + page.entries[2]!.title,
      'treatment_plan:Wound care',
      'document:wound.png',
      'lab_result:Glucose',
      'visit:Consultation', // the walk-in, at its check-in
      'allergy:Penicillin',
    ]);
    expect(page.entries[2]).toMatchObject({ type: 'payment', amountMinor: 45_000, status: 'CARD' });
    expect(page.entries[5]).toMatchObject({ status: 'high', detail: '11.2 mmol/L' });
    expect(page.entries[6]).toMatchObject({ status: 'COMPLETED', detail: 'Dr Mokoena' }); // paid in full
    expect(page.entries[0]).toMatchObject({ status: 'SCHEDULED', at: '2026-12-02T07:00:00.000Z' });
    expect(page.next).toBeNull();
    const ats = page.entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('filters by type', async () => {
    const labsAndDocs = await rx.admin.call('chart.timeline', { patientId, types: ['lab_result', 'document'] });
    expect(summary(labsAndDocs.entries)).toEqual(['document:wound.png', 'lab_result:Glucose']);
    const visits = await rx.admin.call('chart.timeline', { patientId, types: ['visit'] });
    expect(visits.entries.map((e) => e.status)).toEqual(['SCHEDULED', 'COMPLETED']);
    await expectApiError(rx.admin.call('chart.timeline', { patientId, types: ['gossip' as never] }), 'validation');
    await expectApiError(rx.admin.call('chart.timeline', { patientId, types: [] }), 'validation');
  });

  it('pages with a keyset cursor: the pages together are the whole list, without gaps or repeats', async () => {
    const whole = (await rx.admin.call('chart.timeline', { patientId })).entries;
    const pages: TimelineEntry[][] = [];
    let before: { at: string; id: string } | undefined;
    for (;;) {
      const page = await rx.admin.call('chart.timeline', { patientId, limit: 3, ...(before ? { before } : {}) });
      pages.push(page.entries);
      if (!page.next) break;
      before = page.next;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(whole);
    await expectApiError(rx.admin.call('chart.timeline', { patientId, limit: 0 }), 'validation');
  });

  it('says another page follows when one source alone fills the page', async () => {
    const other = rx.patients[1]!;
    for (const hour of ['05', '06', '07']) {
      await rx.admin.call('labs.record', { patientId: other, fields: { testName: `Sodium ${hour}`, value: '140', resultedAt: `2026-11-26T${hour}:00:00.000Z` } });
    }
    const first = await rx.admin.call('chart.timeline', { patientId: other, types: ['lab_result'], limit: 2 });
    expect(summary(first.entries)).toEqual(['lab_result:Sodium 07', 'lab_result:Sodium 06']);
    expect(first.next).toEqual({ at: '2026-11-26T06:00:00.000Z', id: first.entries[1]!.id });
    const second = await rx.admin.call('chart.timeline', { patientId: other, types: ['lab_result'], limit: 2, before: first.next! });
    expect(summary(second.entries)).toEqual(['lab_result:Sodium 05', 'lab_result:Glucose']);
    expect(second.next).toBeNull();
  });

  it('includes consultations, prescriptions and vaccinations once their tables exist', () => {
    const types = new Set(timelineSources(rx.core.db).map((s) => s.type));
    for (const [table, type] of [['consultation', 'consultation'], ['prescription', 'prescription'], ['vaccination', 'vaccination']] as const) {
      const exists = rx.core.db.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
      expect(types.has(type)).toBe(exists);
    }
  });

  it('needs clinical.read; an unknown patient is not found', async () => {
    const reception = await rx.staffClient('receptionist');
    await expectApiError(reception.call('chart.timeline', { patientId }), 'forbidden');
    await expectApiError(rx.admin.call('chart.timeline', { patientId: '01890000-0000-7000-8000-000000000000' }), 'not_found');
  });

  it('reads each source by its (patient, time) index', () => {
    const db = rx.core.db;
    for (const source of timelineSources(db)) {
      const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${source.from} WHERE t.patient_id = ? ${source.where ? `AND ${source.where}` : ''} ORDER BY ${source.at} DESC LIMIT 5`).all('x') as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      expect(details, `${source.from}: ${details}`).toMatch(/USING (COVERING )?INDEX/);
      expect(details, `${source.from}: ${details}`).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
  });
});

describe('consultations on the timeline', () => {
  it('shows each consultation (helper E’s table) at its start, with its status', async () => {
    const other = rx.patients[2]!;
    for (let i = 0; i < 2; i++) {
      const visit = await rx.admin.call('visits.walkIn', { patientId: other, serviceTypeId: rx.serviceId });
      await rx.admin.call('consultations.start', { visitId: visit.visitId });
      rx.clock.now += 3_600_000;
    }
    const page = await rx.admin.call('chart.timeline', { patientId: other, types: ['consultation'] });
    expect(page.entries.map((e) => e.status)).toEqual(['draft', 'draft']);
    expect(page.entries[0]!.at > page.entries[1]!.at).toBe(true);
  });
});
