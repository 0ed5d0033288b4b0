import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

let practice: TestPractice;
let now = Date.parse('2026-11-25T08:00:00Z');
beforeEach(async () => {
  now = Date.parse('2026-11-25T08:00:00Z');
  practice = await openTestPractice(FELINE_HOSPITAL, () => now);
});
afterEach(() => practice.close());

const outboxSize = () => practice.core.db.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get();

describe('first run, sign-in and sessions', () => {
  it('sets the practice up once, with its first administrator signed in', async () => {
    const status = await practice.client().call('setup.status', {});
    expect(status).toEqual({ needsSetup: false, practiceName: 'Lenox Cat Hospital' });
    const session = await practice.admin.call('auth.session', {});
    expect(session.role).toBe('admin');
    expect(session.practice).toMatchObject({ kind: 'veterinary', allowedSpecies: ['Cat'], taxRateBasisPoints: 800 });
    await expectApiError(practice.client().call('setup.createPractice', FELINE_HOSPITAL), 'conflict');
  });

  it('stores only a scrypt verifier, never the password', () => {
    const verifiers = practice.core.db.sqlite.prepare('SELECT verifier FROM user_credential').pluck().all() as string[];
    expect(verifiers).toHaveLength(1);
    expect(verifiers[0]).toMatch(/^scrypt\$16384\$8\$1\$/);
    const whole = practice.core.db.sqlite.prepare("SELECT group_concat(changes) FROM sync_log").pluck().get() as string;
    expect(whole).not.toContain('correct horse battery');
    expect(whole).not.toContain('scrypt$');
  });

  it('refuses a wrong password or unknown email with the same message, and audits the attempt', async () => {
    const wrong = await expectApiError(practice.client().call('auth.signIn', { email: 'ada@lenox.test', password: 'nope nope nope' }), 'unauthenticated');
    const unknown = await expectApiError(practice.client().call('auth.signIn', { email: 'who@lenox.test', password: 'nope nope nope' }), 'unauthenticated');
    expect(wrong.message).toBe('Email or password is wrong');
    expect(unknown.message).toBe(wrong.message);
    const failures = await practice.admin.call('audit.list', { action: 'sign_in_failed' });
    expect(failures.entries).toHaveLength(2);
  });

  it('signs out, and an expired or unknown token is refused', async () => {
    const other = practice.client();
    other.setToken((await other.call('auth.signIn', { email: 'ada@lenox.test', password: 'correct horse battery' })).token);
    await other.call('auth.signOut', {});
    await expectApiError(other.call('patients.search', { query: 'mil' }), 'unauthenticated');
    now += 5 * 60 * 60 * 1000; // past the idle timeout
    await expectApiError(practice.admin.call('patients.search', { query: 'mil' }), 'unauthenticated');
  });

  it('every operation but setup and sign-in needs a session', async () => {
    const anonymous = practice.client();
    for (const [op, def] of Object.entries(contract)) {
      if (def.access === 'public') continue;
      await expectApiError(anonymous.call(op as never, {} as never), 'unauthenticated');
    }
  });
});

describe('authorisation by role, in the core', () => {
  it('refuses what a role may not do with a typed error and changes nothing', async () => {
    const receptionist = await practice.staffClient('receptionist');
    const billing = await practice.staffClient('billing');
    const before = outboxSize();
    await expectApiError(receptionist.call('staff.add', { email: 'x@y.test', displayName: 'X', password: 'long enough pw', role: 'admin' }), 'forbidden');
    await expectApiError(receptionist.call('audit.list', {}), 'forbidden');
    await expectApiError(
      billing.call('patients.register', {
        account: { newAccount: { firstName: 'A', lastName: 'B', phonePrimary: '0123456789' } },
        patient: { firstName: 'Tom', species: 'Cat' },
      }),
      'forbidden',
    );
    expect(outboxSize()).toBe(before);
  });

  it('keeps clinical history from roles without clinical rights', async () => {
    const { patientId } = await practice.admin.call('patients.register', {
      account: { newAccount: { firstName: 'A', lastName: 'B', phonePrimary: '0123456789' } },
      patient: { firstName: 'Tom', species: 'Cat' },
      allergies: [{ allergen: 'Meloxicam', severity: 'severe' }],
    });
    await practice.admin.call('chart.saveRecord', { kind: 'medicalHistory', patientId, fields: { condition: 'Chronic kidney disease', status: 'chronic' } });
    const receptionist = await practice.staffClient('receptionist');
    const chart = await receptionist.call('patients.chart', { patientId });
    expect(chart.allergies.map((a) => a.allergen)).toEqual(['Meloxicam']);
    expect(chart.medicalHistory).toBeNull();
    await expectApiError(
      receptionist.call('chart.saveRecord', { kind: 'medicalHistory', patientId, fields: { condition: 'FIV', status: 'active' } }),
      'forbidden',
    );
    const vet = await practice.staffClient('doctor');
    expect((await vet.call('patients.chart', { patientId })).medicalHistory?.map((h) => h.condition)).toEqual(['Chronic kidney disease']);
  });

  it('applies a role change or deactivation at once, and keeps one active administrator', async () => {
    const nurse = await practice.staffClient('nurse', 'nina@lenox.test');
    const staff = await practice.admin.call('staff.list', {});
    const nina = staff.find((s) => s.email === 'nina@lenox.test')!;
    const ada = staff.find((s) => s.email === 'ada@lenox.test')!;
    await practice.admin.call('staff.changeRole', { userId: nina.userId, role: 'receptionist' });
    expect((await nurse.call('auth.session', {})).role).toBe('receptionist');
    await practice.admin.call('staff.setActive', { userId: nina.userId, active: false });
    await expectApiError(nurse.call('auth.session', {}), 'unauthenticated');
    const again = await expectApiError(practice.client().call('auth.signIn', { email: 'nina@lenox.test', password: 'a long enough password' }), 'unauthenticated');
    expect(again.message).toBe('This staff account is deactivated');
    await expectApiError(practice.admin.call('staff.changeRole', { userId: ada.userId, role: 'manager' }), 'conflict');
    expect((await practice.admin.call('auth.session', {})).role).toBe('admin');
  });
});
