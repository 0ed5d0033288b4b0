/** The practice itself, its first administrator and a few staff of each role, through the services. */
import type { Species } from '../../shared/domain/species';
import type { Role } from '../../shared/domain/roles';
import { createPracticeInput } from '../../shared/schemas/practice';
import { addStaffInput } from '../../shared/schemas/staff';
import type { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { SessionStore } from '../../electron/services/sessions';
import { createPractice } from '../../electron/services/setup';
import { addStaff } from '../../electron/services/staff';
import type { Gen } from './random';

export type SeedKind = 'vet' | 'medical';

export interface StaffLogin {
  email: string;
  displayName: string;
  role: Role;
}

export interface PracticeSetup {
  actor: Actor;
  admin: StaffLogin;
  staff: StaffLogin[];
}

const STAFF_PER_ROLE: Record<Role, number> = { admin: 1, doctor: 3, nurse: 3, receptionist: 3, billing: 2, manager: 1 };

export function practiceName(gen: Gen, kind: SeedKind, felineOnly: boolean): string {
  const place = gen.pick(['Hillcrest', 'Parkview', 'Rosebank', 'Kloof', 'Constantia', 'Waterkloof', 'Umhlanga', 'Greenside', 'Durbanville', 'Linden']);
  if (kind === 'medical') return `${place} ${gen.pick(['Family Practice', 'Medical Centre', 'Family Medical Practice'])}`;
  return felineOnly ? `${place} Cat Hospital` : `${place} ${gen.pick(['Veterinary Hospital', 'Animal Hospital', 'Veterinary Clinic'])}`;
}

export async function setUpPractice(
  db: LocalDatabase,
  gen: Gen,
  options: { kind: SeedKind; felineOnly: boolean; password: string; staff: boolean },
): Promise<PracticeSetup> {
  const name = practiceName(gen, options.kind, options.felineOnly);
  const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
  const species: Species[] = options.kind === 'vet' ? (options.felineOnly ? ['Cat'] : ['Cat', 'Dog']) : [];
  const adminName = `${gen.faker.person.firstName()} ${gen.faker.person.lastName()}`;
  const input = createPracticeInput.parse({
    practice: {
      name,
      kind: options.kind === 'vet' ? 'veterinary' : 'medical',
      allowedSpecies: species,
      currency: 'ZAR',
      taxRateBasisPoints: 1500,
      timeZone: 'Africa/Johannesburg',
      locale: 'en',
    },
    administrator: { email: `admin@${domain}`, displayName: adminName, password: options.password },
  });
  const sessions = new SessionStore();
  const info = await createPractice(db, sessions, input);
  const session = sessions.resume(info.token)!;
  const actor: Actor = { userId: info.user.id, practiceId: info.practice.id, role: info.role, practice: info.practice, session };
  const admin: StaffLogin = { email: info.user.email, displayName: info.user.displayName, role: 'admin' };

  const staff: StaffLogin[] = [];
  if (options.staff) {
    const taken = new Set([admin.email]);
    for (const [role, count] of Object.entries(STAFF_PER_ROLE) as [Role, number][]) {
      for (let i = 0; i < count; i++) {
        const first = gen.faker.person.firstName();
        const last = gen.faker.person.lastName();
        let email = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `@${domain}`;
        if (taken.has(email)) email = email.replace('@', `${staff.length}@`);
        taken.add(email);
        const clinician = role === 'doctor' || role === 'nurse';
        const displayName = role === 'doctor' ? `Dr ${first} ${last}` : `${first} ${last}`;
        const member = await addStaff(
          db,
          actor,
          addStaffInput.parse({
            email,
            displayName,
            password: options.password,
            role,
            licenceNumber: clinician ? licence(gen, options.kind, role) : null,
          }),
        );
        staff.push({ email: member.email, displayName: member.displayName, role });
      }
    }
  }
  return { actor, admin, staff };
}

/** HPCSA (MP), SANC or SAVC (D / VN) style registration numbers. */
function licence(gen: Gen, kind: SeedKind, role: Role): string {
  if (kind === 'medical') return role === 'doctor' ? `MP ${gen.digits(7)}` : `SANC ${gen.digits(8)}`;
  return role === 'doctor' ? `D${gen.digits(2)}/${gen.digits(4)}` : `VN${gen.digits(5)}`;
}

