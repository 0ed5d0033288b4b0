import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

let practice: TestPractice;
let now = Date.parse('2026-11-25T03:30:00Z'); // 22:30 the day before in New York
beforeEach(async () => {
  now = Date.parse('2026-11-25T03:30:00Z');
  practice = await openTestPractice(FELINE_HOSPITAL, () => now);
});
afterEach(() => practice.close());

async function registerTom() {
  return practice.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Ann', lastName: 'Lee', phonePrimary: '617 555 0101' } },
    patient: { firstName: 'Tom', species: 'Cat' },
  });
}

describe('audit log', () => {
  it('records chart openings and changes, filterable by user, patient, action and practice-local day', async () => {
    const { patientId } = await registerTom();
    now = Date.parse('2026-11-25T15:00:00Z'); // 10:00 on the 25th in New York: the night's session has expired
    const { email, password } = FELINE_HOSPITAL.administrator;
    practice.admin.setToken((await practice.client().call('auth.signIn', { email, password })).token);
    const receptionist = await practice.staffClient('receptionist', 'rita@lenox.test');
    await receptionist.call('patients.chart', { patientId });
    const rita = (await practice.admin.call('staff.list', {})).find((s) => s.email === 'rita@lenox.test')!;

    const reads = await practice.admin.call('audit.list', { action: 'read', patientId });
    expect(reads.entries).toHaveLength(1);
    expect(reads.entries[0]).toMatchObject({ userId: rita.userId, userName: 'Test receptionist', entityType: 'chart', patientName: 'Tom (Lee)' });

    const byRita = await practice.admin.call('audit.list', { userId: rita.userId });
    expect(byRita.entries.map((e) => e.action)).toEqual(['read', 'sign_in']);

    // 03:30Z is still the 24th in New York; 15:00Z is the 25th.
    const on24th = await practice.admin.call('audit.list', { fromDate: '2026-11-24', toDate: '2026-11-24' });
    const on25th = await practice.admin.call('audit.list', { fromDate: '2026-11-25', toDate: '2026-11-25' });
    expect(on24th.entries.some((e) => e.entityType === 'practice')).toBe(true);
    expect(on24th.entries.some((e) => e.action === 'read')).toBe(false);
    expect(on25th.entries.some((e) => e.action === 'read')).toBe(true);
  });

  it('pages from newest to oldest without gaps or repeats', async () => {
    for (let i = 0; i < 7; i += 1) {
      now += 1;
      await registerTom().catch(() => undefined); // repeats are refused as duplicates: only the first lands
    }
    const all = await practice.admin.call('audit.list', { limit: 500 });
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await practice.admin.call('audit.list', { limit: 2, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual(all.entries.map((e) => e.id));
  });

  it('is hash-chained: tampering with an entry is detected', async () => {
    await registerTom();
    const intact = await practice.admin.call('audit.verify', {});
    expect(intact.devices).toEqual([{ deviceId: practice.core.db.deviceId, entries: expect.any(Number), intact: true, firstBrokenId: null }]);

    const db = practice.core.db.sqlite;
    const victim = db.prepare("SELECT id FROM audit_log WHERE entity_type = 'patient'").pluck().get() as string;
    // Someone with the file and a SQLite shell drops the guard and rewrites history.
    db.exec('DROP TRIGGER audit_log_append_only');
    db.prepare("UPDATE audit_log SET user_id = NULL WHERE id = ?").run(victim);
    const broken = await practice.admin.call('audit.verify', {});
    expect(broken.devices[0]).toMatchObject({ intact: false, firstBrokenId: victim });
  });
});
