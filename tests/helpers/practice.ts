/**
 * A real core (SQLite file in a temp folder, real services and router) with
 * a typed client calling through the same boundary the app uses.
 */
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { CreatePracticeInput } from '../../shared/schemas/practice';
import type { Role } from '../../shared/domain/roles';
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { tempDir } from './temp-dir';

export interface TestPractice {
  core: Core;
  admin: ApiClient;
  dir: string;
  client(): ApiClient;
  staffClient(role: Role, email?: string): Promise<ApiClient>;
  close(): void;
}

export const FELINE_HOSPITAL: CreatePracticeInput = {
  practice: {
    name: 'Lenox Cat Hospital',
    kind: 'veterinary',
    allowedSpecies: ['Cat'],
    currency: 'USD',
    taxRateBasisPoints: 800,
    timeZone: 'America/New_York',
  },
  administrator: { email: 'ada@lenox.test', displayName: 'Ada Admin', password: 'correct horse battery' },
};

export const MEDICAL_PRACTICE: CreatePracticeInput = {
  practice: {
    name: 'Rosebank Family Practice',
    kind: 'medical',
    allowedSpecies: [],
    currency: 'ZAR',
    taxRateBasisPoints: 1500,
    timeZone: 'Africa/Johannesburg',
  },
  administrator: { email: 'admin@rosebank.test', displayName: 'Dr Admin', password: 'correct horse battery' },
};

export async function openTestPractice(
  setup: CreatePracticeInput,
  now?: () => number,
  options: Pick<CoreOptions, 'sync'> = {},
): Promise<TestPractice> {
  const dir = tempDir();
  const core = await openCore({ dataDir: dir.path, ...options, ...(now ? { now } : {}) });
  const client = () => createApiClient((request) => core.handle(request));
  const admin = client();
  const session = await admin.call('setup.createPractice', setup);
  admin.setToken(session.token);
  let staffCount = 0;
  return {
    core,
    admin,
    dir: dir.path,
    client,
    async staffClient(role, email = `${role}${++staffCount}@staff.test`) {
      const password = 'a long enough password';
      await admin.call('staff.add', { email, displayName: `Test ${role}`, password, role });
      const staff = client();
      staff.setToken((await staff.call('auth.signIn', { email, password })).token);
      return staff;
    },
    close() {
      core.close();
      dir.remove();
    },
  };
}
