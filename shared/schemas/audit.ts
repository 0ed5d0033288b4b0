import { z } from 'zod';
import { AUDIT_ACTIONS } from '../api/types';
import { choice, optionalDate, uuid } from './common';

export const auditQueryInput = z.object({
  userId: uuid.optional(),
  patientId: uuid.optional(),
  action: choice(AUDIT_ACTIONS).optional(),
  entityType: z.string().trim().max(60).optional(),
  /** Inclusive calendar dates in the practice's time zone. */
  fromDate: optionalDate.optional(),
  toDate: optionalDate.optional(),
  before: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
