/**
 * Roles a staff member holds per practice, and what each may do. The main
 * process checks these on every call; the UI only uses them to hide things.
 *
 * @example can('receptionist', 'patients.write') // true
 */
export const ROLES = ['admin', 'doctor', 'nurse', 'receptionist', 'billing', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'practice.manage', // change practice settings
  'staff.manage', // add staff, change roles, deactivate
  'patients.read', // find patients, see demographics, account, allergies and alerts
  'patients.write', // register and edit patients, accounts, contacts, medical aid, allergies
  'clinical.read', // medical and family history (and later the clinical record)
  'clinical.write',
  // the practice's clinical lists: medication catalogue, its own diagnosis codes
  'clinical.catalogue',
  'audit.read',
  'reception.setup', // service types, rooms, practitioners' services and hours
  'appointments.write', // book, reschedule, cancel, check in, walk-ins
  'queue.move', // call, start and finish visits
  'payments.take',
  'payments.refund',
  'sync.manage', // connect this device to the hub, disconnect it
  'patients.merge', // the duplicates list: merge two patients, or mark them as different
  'conflicts.read', // the conflict inbox (each conflict still needs the right to settle it)
  'conflicts.status', // settle two different outcomes of an appointment or visit (COMPLETED vs CANCELLED)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // Clinical text conflicts are settled by clinicians (clinical.write), ARCHITECTURE §4.
  doctor: ['patients.read', 'patients.write', 'clinical.read', 'clinical.write', 'clinical.catalogue', 'appointments.write', 'queue.move', 'conflicts.read'],
  nurse: ['patients.read', 'patients.write', 'clinical.read', 'clinical.write', 'appointments.write', 'queue.move', 'conflicts.read'],
  receptionist: ['patients.read', 'patients.write', 'appointments.write', 'queue.move', 'payments.take'],
  billing: ['patients.read', 'payments.take', 'payments.refund'],
  manager: [
    'patients.read',
    'patients.write',
    'audit.read',
    'staff.manage',
    'reception.setup',
    'appointments.write',
    'queue.move',
    'payments.take',
    'payments.refund',
    'sync.manage',
    'conflicts.read',
    'conflicts.status',
    'patients.merge',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
