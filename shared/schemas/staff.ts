import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { choice, email, optionalText, password, requiredText, uuid } from './common';

export const signInInput = z.object({
  email,
  password: z.string().min(1).max(200),
  practiceId: uuid.optional(),
});

export const addStaffInput = z.object({
  email,
  displayName: requiredText(120),
  password,
  role: choice(ROLES),
  licenceNumber: optionalText(60),
});
export type AddStaffInput = z.input<typeof addStaffInput>;

export const changeRoleInput = z.object({ userId: uuid, role: choice(ROLES) });
export const setStaffActiveInput = z.object({ userId: uuid, active: z.boolean() });
