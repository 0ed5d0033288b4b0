/** A medical practice with a doctor, a service and a room, ready to book, on a fixed clock. */
import { MEDICAL_PRACTICE, openTestPractice, type TestPractice } from './practice';
import type { CoreOptions } from '../../electron/core/core';

export interface ReceptionPractice extends TestPractice {
  doctorId: string;
  serviceId: string;
  roomId: string;
  patients: string[];
  clock: { now: number };
}

export async function openReception(now = Date.parse('2026-11-25T06:00:00Z'), options: Pick<CoreOptions, 'sync'> = {}): Promise<ReceptionPractice> {
  const clock = { now };
  const practice = await openTestPractice(MEDICAL_PRACTICE, () => clock.now, options);
  const admin = practice.admin;
  await admin.call('staff.add', { email: 'dr.mokoena@rosebank.test', displayName: 'Dr Mokoena', password: 'a long enough password', role: 'doctor' });
  const doctorId = (await admin.call('staff.list', {})).find((s) => s.role === 'doctor')!.userId;
  const { id: serviceId } = await admin.call('reception.saveServiceType', {
    fields: { name: 'Consultation', durationMinutes: 30, priceMinor: 45_000, practitionerShareBp: 6_000 },
  });
  const { id: roomId } = await admin.call('reception.saveRoom', { fields: { name: 'Room 1' } });
  // Monday to Friday, 08:00–13:00 and 14:00–17:00 practice time.
  const workingHours = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '08:00', end: '13:00' },
    { weekday, start: '14:00', end: '17:00' },
  ]);
  await admin.call('reception.savePractitioner', { userId: doctorId, serviceTypeIds: [serviceId], workingHours });
  const patients: string[] = [];
  for (const [first, last, phone] of [
    ['Thandi', 'Nkosi', '011 555 0001'],
    ['Pieter', 'van Wyk', '011 555 0002'],
    ['Aisha', 'Patel', '011 555 0003'],
  ] as const) {
    const { patientId } = await admin.call('patients.register', {
      account: { newAccount: { firstName: first, lastName: last, phonePrimary: phone } },
      patient: { firstName: first, lastName: last, dateOfBirth: '1985-05-05' },
    });
    patients.push(patientId);
  }
  return { ...practice, doctorId, serviceId, roomId, patients, clock };
}
