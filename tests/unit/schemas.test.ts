import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors } from '../../electron/api/router';
import { createPracticeInput } from '../../shared/schemas/practice';
import { registerPatientInput } from '../../shared/schemas/patient';
import { bookAppointmentInput, saveDeskInput, savePractitionerInput } from '../../shared/schemas/reception';

function errorsOf(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return fieldErrors(result.error);
}

const validRegistration = {
  account: { newAccount: { firstName: 'Jane', lastName: 'Smith', phonePrimary: '082 555 1234' } },
  patient: { firstName: 'Milo', species: 'Cat', dateOfBirth: '2020-02-29' },
};

describe('input validation gives a clear message per field', () => {
  it('accepts a valid registration and fills sensible defaults', () => {
    const parsed = registerPatientInput.parse(validRegistration);
    expect(parsed.patient.status).toBe('active');
    expect(parsed.patient.sex).toBe('unknown');
    expect(parsed.acknowledgeDuplicates).toBe(false);
    expect(parsed.emergencyContacts).toEqual([]);
  });

  it('names missing required fields', () => {
    const errors = errorsOf(registerPatientInput, {
      account: { newAccount: { firstName: '', lastName: 'Smith' } },
      patient: {},
    });
    expect(errors['account.newAccount.firstName']).toBe('Required');
    expect(errors['account.newAccount.phonePrimary']).toBe('Required');
    expect(errors['patient.firstName']).toBe('Required');
  });

  it('names wrong types, over-long text, unknown choices and bad dates', () => {
    const errors = errorsOf(registerPatientInput, {
      ...validRegistration,
      patient: {
        firstName: 42,
        lastName: 'x'.repeat(101),
        sex: 'robot',
        dateOfBirth: '2021-02-30',
        species: 'Unicorn',
        microchipNumber: '12-34',
      },
    });
    expect(errors['patient.firstName']).toBe('Must be text');
    expect(errors['patient.lastName']).toBe('At most 100 characters');
    expect(errors['patient.sex']).toBe('Choose one of the listed options');
    expect(errors['patient.species']).toBe('Choose one of the listed options');
    expect(errors['patient.dateOfBirth']).toBe('Use a real date as YYYY-MM-DD');
    expect(errors['patient.microchipNumber']).toBe('A microchip number is 9 to 15 letters or digits');
  });

  it('refuses birth dates in the future and malformed phones and emails', () => {
    const errors = errorsOf(registerPatientInput, {
      account: { newAccount: { firstName: 'J', lastName: 'S', phonePrimary: 'call me', email: 'not-an-email' } },
      patient: { firstName: 'Milo', dateOfBirth: '2999-01-01' },
    });
    expect(errors['patient.dateOfBirth']).toBe('Cannot be in the future');
    expect(errors['account.newAccount.phonePrimary']).toMatch(/digits/);
    expect(errors['account.newAccount.email']).toBe('Not a valid email address');
  });

  it('validates practice setup: time zone, currency, tax as whole basis points, species for vets', () => {
    const errors = errorsOf(createPracticeInput, {
      practice: { name: 'X', kind: 'veterinary', allowedSpecies: [], currency: 'rand', taxRateBasisPoints: 15.5, timeZone: 'Mars/Olympus' },
      administrator: { email: 'a@b.test', displayName: 'A', password: 'short' },
    });
    expect(errors['practice.currency']).toMatch(/three-letter/);
    expect(errors['practice.taxRateBasisPoints']).toBe('Must be a whole number');
    expect(errors['practice.timeZone']).toBe('Not a known time zone');
    expect(errors['administrator.password']).toBe('At least 10 characters');
    const vetWithoutSpecies = errorsOf(createPracticeInput, {
      practice: { name: 'X', kind: 'veterinary', allowedSpecies: [], currency: 'USD', taxRateBasisPoints: 0, timeZone: 'UTC' },
      administrator: { email: 'a@b.test', displayName: 'A', password: 'long enough pw' },
    });
    expect(vetWithoutSpecies).toEqual({ 'practice.allowedSpecies': 'Required' });
  });

  it('checks working hours, bookings and desk settings field by field', () => {
    const userId = '019ac2f4-6a1b-7c3d-8e9f-0a1b2c3d4e5f';
    expect(
      errorsOf(savePractitionerInput, {
        userId,
        serviceTypeIds: [],
        workingHours: [
          { weekday: 1, start: '08:00', end: '13:00' },
          { weekday: 1, start: '12:00', end: '15:00' },
          { weekday: 2, start: '13:00', end: '08:00' },
          { weekday: 3, start: '8:00', end: '12:00' },
        ],
      }),
    ).toEqual({
      'workingHours.1.start': 'Overlaps 08:00–13:00 on the same day',
      'workingHours.2.end': 'The end must be after the start',
      'workingHours.3.start': 'Use a time as HH:MM, e.g. 09:30',
    });
    // Touching intervals are fine.
    expect(
      errorsOf(savePractitionerInput, { userId, serviceTypeIds: [], workingHours: [{ weekday: 1, start: '08:00', end: '13:00' }, { weekday: 1, start: '13:00', end: '17:00' }] }),
    ).toEqual({});
    expect(errorsOf(bookAppointmentInput, { patientId: userId, practitionerId: userId, serviceTypeId: userId, start: '2026-11-25 09:00', source: 'FAX' })).toEqual({
      start: 'Use a date and time as YYYY-MM-DDTHH:MM',
      source: 'Choose one of the listed options',
    });
    expect(errorsOf(saveDeskInput, { queueSeries: 'a1', waitingAlertMinutes: 0 })).toMatchObject({ queueSeries: 'One or two capital letters' });
  });
});
